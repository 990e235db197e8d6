namespace InferBench.Forecast;

/// <summary>
/// Each published point's decode tokens/s forecast from the others: the median effective efficiency of its peers (same
/// engine family and GPU class, and the same precision where such peers exist; else the same engine family; else all
/// other points) applied to its own roofline. Its siblings (<see cref="PublishedPoint.IsSiblingOf"/>: the same model on
/// the same engine, one source's table) are left out with it, since they would flatter the figure. The error is
/// |forecast - measured| / measured. A point with nothing left to forecast it from has no result.
/// </summary>
public static class LeaveOneOut
{
    public static IReadOnlyList<LeaveOneOutResult> Evaluate(IReadOnlyList<PublishedPoint> points) => points
        .Select(point => (Point: point, Siblings: points.Count(point.IsSiblingOf), Others: points.Where(other => other != point && !point.IsSiblingOf(other)).ToList()))
        .Where(candidate => candidate.Others.Count > 0)
        .Select(candidate =>
        {
            var (point, siblings, others) = candidate;
            var sameFamilyClass = others.Where(o => o.Entry.EngineFamily == point.Entry.EngineFamily && o.GpuClass == point.GpuClass).ToList();
            var samePrecision = sameFamilyClass.Where(o => o.Entry.Precision == point.Entry.Precision).ToList();
            var sameFamily = others.Where(o => o.Entry.EngineFamily == point.Entry.EngineFamily).ToList();
            var (peers, group) = samePrecision.Count > 0 ? (samePrecision, "family+class+precision")
                : sameFamilyClass.Count > 0 ? (sameFamilyClass, "family+class")
                : sameFamily.Count > 0 ? (sameFamily, "family")
                : (others, "all");
            var efficiency = Median(peers.Select(p => p.EffectiveEfficiency));
            var forecast = point.Entry.BatchSize / (point.RooflineStepSeconds / efficiency);
            return new LeaveOneOutResult(point.Entry.Id, point.Entry.EngineFamily, point.Entry.Precision, point.GpuClass, group, peers.Count, siblings,
                point.Entry.DecodeTokensPerSecond, forecast, Math.Abs(forecast - point.Entry.DecodeTokensPerSecond) / point.Entry.DecodeTokensPerSecond);
        }).ToList();

    /// <summary>Mean absolute percentage error (a fraction) of <paramref name="results"/>; NaN when empty.</summary>
    public static double MeanAbsolutePercentageError(IEnumerable<LeaveOneOutResult> results)
    {
        var list = results.ToList();
        return list.Count == 0 ? double.NaN : list.Average(result => result.AbsoluteRelativeError);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
