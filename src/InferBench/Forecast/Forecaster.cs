using static InferBench.Results.ReadableNumber;

namespace InferBench.Forecast;

/// <summary>
/// Forecasts a variant on a target: decode step = max(bytes / (η_mem x bandwidth), FLOPs / (η_compute x peak)) +
/// layers x t₀ at the mean decode context, the prefill likewise over the whole prompt; each band from the efficiency
/// bands. GPU power: the board power limit times the roofline utilisation (low end) up to the full limit (high end),
/// the midpoint central; host power: the calibration run's average power.
/// </summary>
public static class Forecaster
{
    public const string EngineFamily = "onnxruntime";

    /// <summary>Seconds of one decode step at the peaks (efficiency 1, no fixed time).</summary>
    /// <param name="dequantizingGemm">Whether the engine multiplies quantized weights through an fp16 copy at more than one row (<see cref="ModelFacts.DequantizingGemm"/>).</param>
    public static double RooflineSeconds(ModelFacts facts, int batch, double contextTokens, HostPeaks peaks, string precision, bool dequantizingGemm) =>
        Math.Max(facts.DecodeStepBytes(batch, contextTokens, dequantizingGemm) / peaks.MemoryBandwidthBytesPerSecond,
            facts.DecodeStepFlops(batch, contextTokens) / peaks.PeakFlopsPerSecond(precision, dequantizingGemm));

    /// <param name="hostWatts">The calibration run's average power for this precision on the profile's host, with its energy source; null for GPUs or where the run has none.</param>
    public static IEnumerable<ForecastRow> Forecast(ForecastVariant variant, ForecastTarget target, Efficiencies efficiencies, ForecastPlan plan, (double Watts, string Source)? hostWatts) =>
        from batch in plan.BatchSizes
        from prompt in plan.PromptTokens
        from gen in plan.GenTokens
        select Row(variant, target, efficiencies, batch, prompt, gen, hostWatts);

    private static ForecastRow Row(ForecastVariant variant, ForecastTarget target, Efficiencies efficiencies, int batch, int prompt, int gen, (double Watts, string Source)? hostWatts)
    {
        var facts = variant.Facts;
        var bandwidth = target.Peaks.MemoryBandwidthBytesPerSecond;
        var context = prompt + gen / 2.0;
        var dequantizing = ModelFacts.DequantizingGemm(variant.Precision, target.Peaks.Kind);
        var peak = target.Peaks.PeakFlopsPerSecond(variant.Precision, dequantizing);
        var decodeBytes = facts.DecodeStepBytes(batch, context, dequantizing);
        var decodeFlops = facts.DecodeStepFlops(batch, context);
        var prefillBytes = facts.PrefillBytes(batch, prompt, dequantizing);
        var prefillFlops = facts.PrefillFlops(batch, prompt);
        double Step(double bytes, double flops, double memory, double compute) =>
            RooflineFit.StepSeconds(bytes, flops, facts.Layers, bandwidth, peak, memory, compute, efficiencies.FixedSecondsPerLayer);
        var e = efficiencies;
        var p = efficiencies.Prefill ?? efficiencies;
        double PrefillStep(double memory, double compute) =>
            RooflineFit.StepSeconds(prefillBytes, prefillFlops, facts.Layers, bandwidth, peak, memory, compute, p.FixedSecondsPerLayer);
        var decode = Band.Of(
            batch / Step(decodeBytes, decodeFlops, e.Memory.Low, e.Compute.Low),
            batch / Step(decodeBytes, decodeFlops, e.Memory.Central, e.Compute.Central),
            batch / Step(decodeBytes, decodeFlops, e.Memory.High, e.Compute.High));
        var prefillSeconds = Band.Of(
            PrefillStep(p.Memory.High, p.Compute.High),
            PrefillStep(p.Memory.Central, p.Compute.Central),
            PrefillStep(p.Memory.Low, p.Compute.Low));
        var prefill = Band.Of((double)batch * prompt / prefillSeconds.High, (double)batch * prompt / prefillSeconds.Central, (double)batch * prompt / prefillSeconds.Low);
        var ttft = new Band(prefillSeconds.Low * 1000, prefillSeconds.Central * 1000, prefillSeconds.High * 1000);
        var boundBy = decodeBytes / (e.Memory.Central * bandwidth) >= decodeFlops / (e.Compute.Central * peak) ? "memory" : "compute";
        var (joules, energyNote) = Energy(target, decode, Math.Max(decodeBytes / bandwidth, decodeFlops / peak) * decode.Central / batch, hostWatts);
        var (usd, priceNote) = target.UsdPerHour is { } price
            ? (Band.Of(price / (decode.High * 3600) * 1e6, price / (decode.Central * 3600) * 1e6, price / (decode.Low * 3600) * 1e6), target.PriceSource)
            : ((Band?)null, target.PriceSource);
        return new ForecastRow(variant.Model, variant.Variant, variant.Precision, target.Id, batch, prompt, gen,
            decode, prefill, ttft, joules, energyNote, usd, priceNote, boundBy, efficiencies);
    }

    /// <param name="utilisation">Roofline time over forecast step time at the central efficiencies: the share of the limiting peak in use.</param>
    private static (Band?, string) Energy(ForecastTarget target, Band decode, double utilisation, (double Watts, string Source)? hostWatts)
    {
        if (target.BoardPowerWatts is { } board)
        {
            var low = board * Math.Clamp(utilisation, 0.05, 1);
            var central = (low + board) / 2;
            return (Band.Of(low / decode.High, central / decode.Central, board / decode.Low),
                $"board power {board:0.#} W x utilisation {utilisation:0.00} (low) to the full limit (high), midpoint central ({target.PowerSource})");
        }
        if (hostWatts is { } host)
            return (Band.Of(host.Watts / decode.High, host.Watts / decode.Central, host.Watts / decode.Low),
                $"the calibration run's average power, {host.Watts:0.##} W ({host.Source})");
        return (null, "unavailable: no board power for this target and no power in the calibration run");
    }

    /// <summary>The efficiencies for <paramref name="precision"/> on <paramref name="target"/>, in the documented order.</summary>
    public static Efficiencies EfficienciesFor(string precision, ForecastTarget target, EstimatorProfile? profile, IReadOnlyList<PublishedPoint> published)
    {
        var sameHardware = profile is not null && (target.Id == ForecastTarget.HostId || profile.Host.GpuId == target.Id);
        if (sameHardware && profile!.Variants.FirstOrDefault(v => v.Precision == precision && v.Fit is not null) is { Fit: { } fit } calibrated)
        {
            var spread = Spread(fit.MaxAbsRelativeResidual);
            // Bandwidth efficiency belongs to the host's memory, not the kernel: where this variant's points do not
            // identify it (weights that fit in cache), another variant's fit on the same host does; else the bound.
            var (memory, memoryWords) = fit.MemoryEfficiency.Value is { } own
                ? (own, "")
                : profile.Variants.FirstOrDefault(v => v.Fit?.MemoryEfficiency.Value is not null && ProfileBuilder.SharesTheHostsMemory(v, profile.Host)) is { Fit.MemoryEfficiency.Value: { } borrowed } other
                    ? (borrowed, $"; memory efficiency not identified, {other.Model}/{other.Variant}'s used")
                    : (Math.Min(1, fit.MemoryEfficiency.LowerBound ?? 1), "; memory efficiency not identified, its lower bound (at most 1) used");
            var (computeBand, computeWords) = ComputeEfficiency(fit.ComputeEfficiency, spread, "compute efficiency");
            var variantFit = new Efficiencies(Band.Ratio(memory, spread), computeBand, fit.FixedSecondsPerLayer.Value ?? 0,
                Efficiencies.Calibration, $"profile of run {profile.RunId}, variant {calibrated.Model}/{calibrated.Variant} on {profile.Host.Hardware}; band ÷/× {1 + spread:0.00} (1 + the fit's largest residual){memoryWords}{computeWords}");
            return DecodeFromHostFit(profile, calibrated, variantFit) ?? variantFit;
        }
        if (target.GpuClass is { } gpuClass)
        {
            var peers = published.Where(p => p.Entry.EngineFamily == EngineFamily && p.Entry.Precision == precision && p.GpuClass == gpuClass).ToList();
            // However few the points, the band is at least as wide as the method's error on them, each forecast from the others.
            if (peers.Count > 0 && LeaveOneOutError(published, peers) is var leaveOneOutError && double.IsFinite(leaveOneOutError))
            {
                var values = peers.Select(p => p.EffectiveEfficiency).ToList();
                var least = Band.Ratio(LeaveOneOut.Median(values), leaveOneOutError);
                var band = new Band(Math.Min(values.Min(), least.Low), least.Central, Math.Max(values.Max(), least.High));
                return new Efficiencies(band, band, 0, Efficiencies.Published,
                    $"effective efficiency of {peers.Count} published {EngineFamily} {precision} point(s) on {gpuClass} GPUs: {string.Join(", ", peers.Select(p => p.Entry.Id))}; " +
                    $"band their range, at least ÷/× {1 + leaveOneOutError:0.00} (1 + their leave-one-out error)");
            }
        }
        return Efficiencies.DefaultRange(profile is null
            ? $"no calibration profile given, and no published {EngineFamily} {precision} point on this GPU class"
            : $"the profile measured other hardware ({profile.Host.Hardware}) or no {precision} variant, and no published {EngineFamily} {precision} point on this GPU class");
    }

    /// <summary>
    /// Decode efficiencies from the profile's joint decode fit (the host's η_mem and t₀, the variant's own decode
    /// η_compute), the prefill's from the variant's own fit; null where the profile has no joint fit for the variant.
    /// </summary>
    private static Efficiencies? DecodeFromHostFit(EstimatorProfile profile, ProfileVariant calibrated, Efficiencies variantFit)
    {
        if (profile.DecodeFit is not { } joint || !joint.ComputeEfficiencyByVariant.TryGetValue(ProfileBuilder.HostDecodeFitKey(calibrated), out var compute)
            || joint.MemoryEfficiency.Value is not { } memory)
            return null;
        var spread = Spread(joint.MaxAbsRelativeResidual);
        var (computeBand, computeWords) = ComputeEfficiency(compute, spread, "decode compute efficiency");
        return new Efficiencies(Band.Ratio(memory, spread), computeBand,
            joint.FixedSecondsPerLayer.Value ?? 0, Efficiencies.Calibration,
            $"profile of run {profile.RunId} on {profile.Host.Hardware}: decode from the joint fit of {Integer(profile.DecodeFit.ComputeEfficiencyByVariant.Count)} variants' decode steps " +
            $"(shared memory efficiency and fixed time per layer, {calibrated.Model}/{calibrated.Variant}'s compute efficiency), band ÷/× {1 + spread:0.00}{computeWords}; " +
            $"prefill from the variant's own fit", variantFit);
    }

    /// <summary>The leave-one-out MAPE of <paramref name="peers"/> among <paramref name="published"/>; NaN where none of them has others to be forecast from.</summary>
    private static double LeaveOneOutError(IReadOnlyList<PublishedPoint> published, IReadOnlyList<PublishedPoint> peers) =>
        LeaveOneOut.MeanAbsolutePercentageError(LeaveOneOut.Evaluate(published).Where(result => peers.Any(peer => peer.Entry.Id == result.Id)));

    /// <summary>A calibration band's relative spread: the fit's largest residual, at least 5%.</summary>
    private static double Spread(double maxAbsRelativeResidual) => Math.Max(double.IsFinite(maxAbsRelativeResidual) ? maxAbsRelativeResidual : 0, 0.05);

    /// <summary>A fitted compute efficiency as a band: its value, else its lower bound, else the default range; with words for a detail where it is not identified.</summary>
    private static (Band Band, string Words) ComputeEfficiency(FittedParameter compute, double spread, string name)
    {
        var value = compute.Value ?? compute.LowerBound;
        var words = compute.Identified ? "" : value is null ? $"; {name} not identified, default range used" : $"; {name} not identified, its lower bound used";
        return (value is { } c ? Band.Ratio(c, spread) : Efficiencies.DefaultBand, words);
    }
}
