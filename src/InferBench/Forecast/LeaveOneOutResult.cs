namespace InferBench.Forecast;

/// <summary>One published point forecast from the others (<see cref="LeaveOneOut"/>).</summary>
/// <param name="PeerGroup">Which points it was forecast from: family+class+precision, family+class, family or all.</param>
/// <param name="SiblingsLeftOut">Points of the same source's table left out with it (<see cref="PublishedPoint.IsSiblingOf"/>).</param>
public sealed record LeaveOneOutResult(
    string Id,
    string EngineFamily,
    string Precision,
    string GpuClass,
    string PeerGroup,
    int Peers,
    int SiblingsLeftOut,
    double MeasuredDecodeTokensPerSecond,
    double ForecastDecodeTokensPerSecond,
    double AbsoluteRelativeError)
{
    /// <summary>Shares engine family and GPU class with a point of another source: where the 25% target applies.</summary>
    public bool HasFamilyClassPeer => PeerGroup is "family+class+precision" or "family+class";
}
