namespace InferBench.Forecast;

/// <summary>
/// Fits <see cref="HostDecodeFit"/>: a coarse-to-fine grid over the shared η_mem and t₀, each variant's η_compute
/// searched on its own at every grid point (a variant's loss depends on the shared two and its own one only). A
/// parameter is identified as in <see cref="RooflineFitter"/>: every move of it (10% of an efficiency, a tenth of the
/// smallest per-layer step for t₀) worsens the fit with the others refitted.
/// </summary>
public static class HostDecodeFitter
{
    /// <summary>One variant's decode steps and the peak FLOP rate of its precision.</summary>
    /// <param name="Variant">"model/variant", unique in the profile.</param>
    public sealed record VariantSteps(string Variant, IReadOnlyList<StepObservation> Steps, double PeakFlopsPerSecond);

    private const int GridSteps = 40;
    private const int Refinements = 4;
    private const int ComputeGridSteps = 40;
    private const double Worse = 1e-4;

    /// <returns>The fit; null with fewer than two variants that have decode steps (nothing is shared then).</returns>
    public static HostDecodeFit? Fit(IReadOnlyList<VariantSteps> variants, double bandwidth)
    {
        variants = [.. variants.Where(variant => variant.Steps.Count > 0)];
        if (variants.Count < 2)
            return null;
        var all = variants.SelectMany(variant => variant.Steps).ToList();
        var fixedStep = all.Min(step => step.MeasuredSeconds / step.Layers) * 0.1;
        var withFixed = Search(variants, bandwidth, memory: null, fixedPerLayer: null, heldCompute: null);
        // As in RooflineFitter: a move down stops at 0; from 0 itself it is impossible, not flat.
        var fixedIdentified = new[] { -1, 1 }.All(direction => Math.Max(0, withFixed.FixedPerLayer + direction * fixedStep) is var moved
            && (moved == withFixed.FixedPerLayer || Search(variants, bandwidth, null, moved, null).Loss > withFixed.Loss + Worse));
        // As in RooflineFitter: a t₀ the steps cannot identify is held at 0, and everything else is fitted (and judged) with it there.
        double? heldFixed = fixedIdentified ? null : 0;
        var fitted = fixedIdentified ? withFixed : Search(variants, bandwidth, null, 0, null);
        bool Worsens(Parameters moved) => moved.Loss > fitted.Loss + Worse;
        var memoryIdentified = new[] { -1, 1 }.All(direction =>
            Worsens(Search(variants, bandwidth, fitted.Memory * (1 + 0.1 * direction), heldFixed, null)));
        var compute = variants.ToDictionary(variant => variant.Variant, variant =>
        {
            var value = fitted.Compute[variant.Variant];
            var identified = new[] { -1, 1 }.All(direction =>
                Worsens(Search(variants, bandwidth, null, heldFixed, (variant.Variant, value * (1 + 0.1 * direction)))));
            return identified
                ? new FittedParameter(value, true)
                : FittedParameter.NotIdentified("no decode step of this variant is compute-bound; the steps only bound it from below",
                    variant.Steps.Max(step => step.Flops / variant.PeakFlopsPerSecond / RooflineFitter.Available(step, fitted.FixedPerLayer)));
        });
        var residuals = variants.SelectMany(variant => variant.Steps.Select(step =>
            RooflineFit.StepSeconds(step.Bytes, step.Flops, step.Layers, bandwidth, variant.PeakFlopsPerSecond, fitted.Memory, fitted.Compute[variant.Variant], fitted.FixedPerLayer)
            / step.MeasuredSeconds - 1)).ToList();
        return new HostDecodeFit(
            memoryIdentified ? new FittedParameter(fitted.Memory, true) : FittedParameter.NotIdentified("no variant's decode steps are memory-bound"),
            fixedIdentified
                ? new FittedParameter(fitted.FixedPerLayer, true)
                : FittedParameter.NotIdentified("the steps cannot tell a fixed time from a lower efficiency; held at 0 in the fit"),
            compute,
            Math.Sqrt(residuals.Average(r => r * r)),
            residuals.Max(Math.Abs),
            all.Count);
    }

    private sealed record Parameters(double Memory, double FixedPerLayer, IReadOnlyDictionary<string, double> Compute, double Loss);

    /// <summary>The least-loss parameters: η_mem and t₀ searched unless given; one variant's η_compute held where <paramref name="heldCompute"/> says.</summary>
    private static Parameters Search(IReadOnlyList<VariantSteps> variants, double bandwidth, double? memory, double? fixedPerLayer, (string Variant, double Value)? heldCompute)
    {
        var maxFixed = variants.SelectMany(variant => variant.Steps).Min(step => step.MeasuredSeconds / step.Layers) * 0.95;
        var memoryRange = memory is { } m ? (Math.Log(m), Math.Log(m)) : (Math.Log(RooflineFitter.MinEfficiency), Math.Log(RooflineFitter.MaxMemoryEfficiency));
        var fixedRange = fixedPerLayer is { } f ? (f, f) : (0.0, maxFixed);
        Parameters? best = null;
        for (var round = 0; round <= Refinements; round++)
        {
            foreach (var memoryValue in RooflineFitter.Grid(memoryRange, GridSteps).Select(Math.Exp))
                foreach (var fixedValue in RooflineFitter.Grid(fixedRange, GridSteps / 2))
                {
                    var compute = new Dictionary<string, double>();
                    var loss = 0.0;
                    foreach (var variant in variants)
                    {
                        var (value, variantLoss) = heldCompute is { } held && held.Variant == variant.Variant
                            ? (held.Value, Loss(variant, bandwidth, memoryValue, held.Value, fixedValue))
                            : BestCompute(variant, bandwidth, memoryValue, fixedValue);
                        compute[variant.Variant] = value;
                        loss += variantLoss;
                    }
                    if (best is null || loss < best.Loss - 1e-12)
                        best = new Parameters(memoryValue, fixedValue, compute, loss);
                }
            memoryRange = RooflineFitter.Narrow(memoryRange, Math.Log(best!.Memory), 2.0 / GridSteps, Math.Log(RooflineFitter.MaxMemoryEfficiency));
            fixedRange = RooflineFitter.Narrow(fixedRange, best.FixedPerLayer, 4.0 / GridSteps, maxFixed, minimum: 0);
        }
        return best!;
    }

    private static (double Compute, double Loss) BestCompute(VariantSteps variant, double bandwidth, double memory, double fixedPerLayer)
    {
        var range = (Low: Math.Log(RooflineFitter.MinEfficiency), High: Math.Log(RooflineFitter.MaxComputeEfficiency));
        var best = (Compute: 1.0, Loss: double.PositiveInfinity);
        for (var round = 0; round <= Refinements; round++)
        {
            foreach (var value in RooflineFitter.Grid(range, ComputeGridSteps).Select(Math.Exp))
            {
                var loss = Loss(variant, bandwidth, memory, value, fixedPerLayer);
                if (loss < best.Loss - 1e-12)
                    best = (value, loss);
            }
            range = RooflineFitter.Narrow(range, Math.Log(best.Compute), 2.0 / ComputeGridSteps, Math.Log(RooflineFitter.MaxComputeEfficiency));
        }
        return best;
    }

    private static double Loss(VariantSteps variant, double bandwidth, double memory, double compute, double fixedPerLayer) =>
        RooflineFitter.Loss(variant.Steps, bandwidth, variant.PeakFlopsPerSecond, (memory, compute, fixedPerLayer));
}
