namespace InferBench.Forecast;

/// <summary>One variant of a profile: its facts, its measured points and the fit; or why it has none (<see cref="UnavailableReason"/>).</summary>
/// <param name="AverageWatts">Median over the points of the run's average power during generation (its <see cref="EnergySource"/>: measured or estimated), null where the run has none.</param>
public sealed record ProfileVariant(
    string Model,
    string Variant,
    string Precision,
    string ExecutionProvider,
    string? ModelPath,
    ModelFacts? Facts,
    IReadOnlyList<ProfilePoint> Points,
    RooflineFit? Fit,
    double? AverageWatts,
    string? EnergySource,
    string? UnavailableReason = null);
