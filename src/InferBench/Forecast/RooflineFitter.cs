namespace InferBench.Forecast;

/// <summary>
/// Fits <see cref="RooflineFit"/> by a coarse-to-fine grid search (the max makes the loss non-smooth, and three
/// parameters keep a grid cheap), then says which parameters the points identify: those whose every move (10% of an
/// efficiency, a tenth of the smallest step for t₀) worsens the fit. η_compute with only memory-bound points, or t₀
/// where it trades off exactly against an efficiency, is not identified; t₀ is then held at 0 and the rest refitted.
/// </summary>
public static class RooflineFitter
{
    private const double MinEfficiency = 0.005;
    // The reference bandwidth is the most memory gives (a STREAM-like read, or the datasheet), so η_mem stays at or
    // below 1: time a small model saves by fitting in cache goes to t₀ instead, which keeps larger forecasts honest.
    private const double MaxMemoryEfficiency = 1;
    // Integer kernels (int8 VNNI) can beat the fp32 GEMM rate a CPU profile's peak is.
    private const double MaxComputeEfficiency = 20;
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
        var fixedIdentified = Sensitive(points, bandwidth, peakFlops, withFixed, (f, d) => f with { Fixed = Math.Max(0, f.Fixed + d * fixedStep) });
        var (memory, compute, fixedPerLayer) = fixedIdentified ? withFixed : Search(points, bandwidth, peakFlops, allowFixed: false);
        var fitted = (Memory: memory, Compute: compute, Fixed: fixedPerLayer);
        var memoryIdentified = Sensitive(points, bandwidth, peakFlops, fitted, (f, d) => f with { Memory = f.Memory * (1 + 0.1 * d) });
        var computeIdentified = Sensitive(points, bandwidth, peakFlops, fitted, (f, d) => f with { Compute = f.Compute * (1 + 0.1 * d) });

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

    private static double Available(StepObservation point, double fixedPerLayer) => Math.Max(point.MeasuredSeconds - point.Layers * fixedPerLayer, point.MeasuredSeconds * 1e-3);

    private static double MemoryTime(StepObservation p, double bandwidth, double efficiency) => p.Bytes / (efficiency * bandwidth);

    private static double ComputeTime(StepObservation p, double peak, double efficiency) => p.Flops / (efficiency * peak);

    /// <summary>
    /// Whether moving one parameter both ways (<paramref name="move"/> with -1 and +1) worsens the fit: a parameter the
    /// points identify. One that no point is bound by, or that trades off exactly against another, leaves the loss flat
    /// on at least one side.
    /// </summary>
    private static bool Sensitive(IReadOnlyList<StepObservation> points, double bandwidth, double peakFlops,
        (double Memory, double Compute, double Fixed) fitted, Func<(double Memory, double Compute, double Fixed), int, (double Memory, double Compute, double Fixed)> move)
    {
        const double Worse = 1e-4;
        var baseline = Loss(points, bandwidth, peakFlops, fitted);
        var down = move(fitted, -1);
        var downWorse = down == fitted || Loss(points, bandwidth, peakFlops, down) > baseline + Worse;
        return downWorse && Loss(points, bandwidth, peakFlops, move(fitted, 1)) > baseline + Worse;
    }

    private static double Loss(IReadOnlyList<StepObservation> points, double bandwidth, double peakFlops, (double Memory, double Compute, double Fixed) p) =>
        points.Sum(point =>
        {
            var error = Math.Log(RooflineFit.StepSeconds(point.Bytes, point.Flops, point.Layers, bandwidth, peakFlops, p.Memory, p.Compute, p.Fixed) / point.MeasuredSeconds);
            return error * error;
        });

    private static (double Memory, double Compute, double FixedPerLayer) Search(IReadOnlyList<StepObservation> points, double bandwidth, double peakFlops, bool allowFixed)
    {
        var maxFixed = allowFixed ? points.Min(p => p.MeasuredSeconds / p.Layers) * 0.95 : 0;
        double memoryLow = Math.Log(MinEfficiency), memoryHigh = Math.Log(MaxMemoryEfficiency);
        double computeLow = memoryLow, computeHigh = Math.Log(MaxComputeEfficiency), fixedLow = 0, fixedHigh = maxFixed;
        var best = (Memory: 1.0, Compute: 1.0, Fixed: 0.0, Loss: double.PositiveInfinity);
        for (var round = 0; round <= Refinements; round++)
        {
            for (var i = 0; i <= GridSteps; i++)
            {
                var memory = Math.Exp(memoryLow + (memoryHigh - memoryLow) * i / GridSteps);
                for (var j = 0; j <= GridSteps; j++)
                {
                    var compute = Math.Exp(computeLow + (computeHigh - computeLow) * j / GridSteps);
                    var fixedSteps = allowFixed ? GridSteps / 2 : 0;
                    for (var k = 0; k <= fixedSteps; k++)
                    {
                        var fixedPerLayer = fixedSteps == 0 ? 0 : fixedLow + (fixedHigh - fixedLow) * k / fixedSteps;
                        var loss = Loss(points, bandwidth, peakFlops, (memory, compute, fixedPerLayer));
                        // Ties (a parameter the points do not constrain) keep the smallest fixed time and efficiency seen first.
                        if (loss < best.Loss - 1e-12)
                            best = (memory, compute, fixedPerLayer, loss);
                    }
                }
            }
            var memoryStep = (memoryHigh - memoryLow) / GridSteps * 2;
            var computeStep = (computeHigh - computeLow) / GridSteps * 2;
            var fixedStep = (fixedHigh - fixedLow) / GridSteps * 4;
            (memoryLow, memoryHigh) = (Math.Log(best.Memory) - memoryStep, Math.Min(Math.Log(MaxMemoryEfficiency), Math.Log(best.Memory) + memoryStep));
            (computeLow, computeHigh) = (Math.Log(best.Compute) - computeStep, Math.Min(Math.Log(MaxComputeEfficiency), Math.Log(best.Compute) + computeStep));
            (fixedLow, fixedHigh) = (Math.Max(0, best.Fixed - fixedStep), Math.Min(maxFixed, best.Fixed + fixedStep));
        }
        return (best.Memory, best.Compute, best.Fixed);
    }
}
