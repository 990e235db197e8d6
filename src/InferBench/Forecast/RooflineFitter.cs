namespace InferBench.Forecast;

/// <summary>
/// Fits <see cref="RooflineFit"/> by a coarse-to-fine grid search (the max makes the loss non-smooth, and three
/// parameters keep a grid cheap), then says which parameters the points identify: those whose every move (10% of an
/// efficiency, a tenth of the smallest step for t₀) worsens the fit. η_compute with only memory-bound points, or t₀
/// where it trades off exactly against an efficiency, is not identified; t₀ is then held at 0 and the rest refitted.
/// </summary>
public static class RooflineFitter
{
    internal const double MinEfficiency = 0.005;
    // The reference bandwidth is the most memory gives (a STREAM-like read, or the datasheet), so η_mem stays at or
    // below 1: time a small model saves by fitting in cache goes to t₀ instead, which keeps larger forecasts honest.
    internal const double MaxMemoryEfficiency = 1;
    // Integer kernels (int8 VNNI) can beat the fp32 GEMM rate a CPU profile's peak is.
    internal const double MaxComputeEfficiency = 20;
    private const int GridSteps = 60;
    private const int Refinements = 4;

    /// <returns>The fit, and each point's predicted seconds with the values the search settled on (an unidentified parameter's included).</returns>
    public static (RooflineFit Fit, double[] PredictedSeconds) Fit(IReadOnlyList<StepObservation> points, double bandwidth, double peakFlops)
    {
        if (points.Count == 0)
            return (new RooflineFit(
                FittedParameter.NotIdentified("no measured points"), FittedParameter.NotIdentified("no measured points"),
                FittedParameter.NotIdentified("no measured points"), double.NaN, double.NaN, 0), []);
        var withFixed = Search(points, bandwidth, peakFlops, allowFixed: true);
        // t₀ moves by a tenth of the smallest step's per-layer time; it cannot go below 0, which is a bound, not a guess.
        var fixedStep = points.Min(p => p.MeasuredSeconds / p.Layers) * 0.1;
        var fixedIdentified = Identified(points, bandwidth, peakFlops, withFixed, direction => (null, null, Math.Max(0, withFixed.FixedPerLayer + direction * fixedStep)));
        var fitted = fixedIdentified ? withFixed : Search(points, bandwidth, peakFlops, allowFixed: false);
        var (memory, compute, fixedPerLayer) = fitted;
        double? heldFixed = fixedIdentified ? null : 0;
        var memoryIdentified = Identified(points, bandwidth, peakFlops, fitted, direction => (memory * (1 + 0.1 * direction), null, heldFixed));
        var computeIdentified = Identified(points, bandwidth, peakFlops, fitted, direction => (null, compute * (1 + 0.1 * direction), heldFixed));

        var predicted = points
            .Select(p => RooflineFit.StepSeconds(p.Bytes, p.Flops, p.Layers, bandwidth, peakFlops, memory, compute, fixedPerLayer))
            .ToArray();
        var residuals = predicted.Select((seconds, i) => seconds / points[i].MeasuredSeconds - 1).ToArray();
        return (new RooflineFit(
            memoryIdentified
                ? new FittedParameter(memory, true)
                : FittedParameter.NotIdentified("no measured point is memory-bound", points.Max(p => p.Bytes / bandwidth / Available(p, fixedPerLayer))),
            computeIdentified
                ? new FittedParameter(compute, true)
                : FittedParameter.NotIdentified("no measured point is compute-bound (batch-1 decode is memory-bound); the points only bound it from below", points.Max(p => p.Flops / peakFlops / Available(p, fixedPerLayer))),
            fixedIdentified
                ? new FittedParameter(fixedPerLayer, true)
                : FittedParameter.NotIdentified("the points cannot tell a fixed time from a lower efficiency (moving it does not change the fit); held at 0 in the fit"),
            Math.Sqrt(residuals.Average(r => r * r)),
            residuals.Max(Math.Abs),
            points.Count), predicted);
    }

    internal static double Available(StepObservation point, double fixedPerLayer) => Math.Max(point.MeasuredSeconds - point.Layers * fixedPerLayer, point.MeasuredSeconds * 1e-3);

    private static double MemoryTime(StepObservation p, double bandwidth, double efficiency) => p.Bytes / (efficiency * bandwidth);

    private static double ComputeTime(StepObservation p, double peak, double efficiency) => p.Flops / (efficiency * peak);

    /// <summary>
    /// Whether moving one parameter both ways (<paramref name="moved"/> with -1 and +1: that parameter held at its moved
    /// value, the others searched again) worsens the fit: a parameter the points identify. One that no point is bound
    /// by, or that trades off exactly against another, leaves the loss flat on at least one side.
    /// </summary>
    private static bool Identified(IReadOnlyList<StepObservation> points, double bandwidth, double peakFlops,
        (double Memory, double Compute, double FixedPerLayer) fitted, Func<int, (double? Memory, double? Compute, double? Fixed)> moved)
    {
        const double Worse = 1e-4;
        var baseline = Loss(points, bandwidth, peakFlops, fitted);
        return new[] { -1, 1 }.All(direction =>
        {
            var (memory, compute, fixedPerLayer) = moved(direction);
            if (fixedPerLayer == fitted.FixedPerLayer && memory is null && compute is null)
                return true; // t₀ at its lower bound of 0: the move down is impossible, not flat.
            return Loss(points, bandwidth, peakFlops, Search(points, bandwidth, peakFlops, memory, compute, fixedPerLayer)) > baseline + Worse;
        });
    }

    internal static double Loss(IReadOnlyList<StepObservation> points, double bandwidth, double peakFlops, (double Memory, double Compute, double Fixed) p) =>
        points.Sum(point =>
        {
            var error = Math.Log(RooflineFit.StepSeconds(point.Bytes, point.Flops, point.Layers, bandwidth, peakFlops, p.Memory, p.Compute, p.Fixed) / point.MeasuredSeconds);
            return error * error;
        });

    private static (double Memory, double Compute, double FixedPerLayer) Search(IReadOnlyList<StepObservation> points, double bandwidth, double peakFlops, bool allowFixed) =>
        Search(points, bandwidth, peakFlops, memory: null, compute: null, fixedPerLayer: allowFixed ? null : 0);

    /// <summary>The least-loss parameters, each searched where its argument is null and held where it is given.</summary>
    private static (double Memory, double Compute, double FixedPerLayer) Search(IReadOnlyList<StepObservation> points, double bandwidth, double peakFlops,
        double? memory, double? compute, double? fixedPerLayer)
    {
        var maxFixed = points.Min(p => p.MeasuredSeconds / p.Layers) * 0.95;
        var memoryRange = memory is { } m ? (Math.Log(m), Math.Log(m)) : (Math.Log(MinEfficiency), Math.Log(MaxMemoryEfficiency));
        var computeRange = compute is { } c ? (Math.Log(c), Math.Log(c)) : (Math.Log(MinEfficiency), Math.Log(MaxComputeEfficiency));
        var fixedRange = fixedPerLayer is { } f ? (f, f) : (0.0, maxFixed);
        var best = (Memory: 1.0, Compute: 1.0, Fixed: 0.0, Loss: double.PositiveInfinity);
        for (var round = 0; round <= Refinements; round++)
        {
            foreach (var memoryValue in Grid(memoryRange, GridSteps).Select(Math.Exp))
                foreach (var computeValue in Grid(computeRange, GridSteps).Select(Math.Exp))
                    foreach (var fixedValue in Grid(fixedRange, GridSteps / 2))
                    {
                        var loss = Loss(points, bandwidth, peakFlops, (memoryValue, computeValue, fixedValue));
                        // Ties (a parameter the points do not constrain) keep the smallest values seen first.
                        if (loss < best.Loss - 1e-12)
                            best = (memoryValue, computeValue, fixedValue, loss);
                    }
            memoryRange = Narrow(memoryRange, Math.Log(best.Memory), 2.0 / GridSteps, Math.Log(MaxMemoryEfficiency));
            computeRange = Narrow(computeRange, Math.Log(best.Compute), 2.0 / GridSteps, Math.Log(MaxComputeEfficiency));
            fixedRange = Narrow(fixedRange, best.Fixed, 4.0 / GridSteps, maxFixed, minimum: 0);
        }
        return (best.Memory, best.Compute, best.Fixed);
    }

    internal static IEnumerable<double> Grid((double Low, double High) range, int steps) =>
        range.Low == range.High ? [range.Low] : Enumerable.Range(0, steps + 1).Select(i => range.Low + (range.High - range.Low) * i / steps);

    internal static (double, double) Narrow((double Low, double High) range, double centre, double share, double maximum, double minimum = double.NegativeInfinity)
    {
        if (range.Low == range.High)
            return range;
        var half = (range.High - range.Low) * share;
        return (Math.Max(minimum, centre - half), Math.Min(maximum, centre + half));
    }
}
