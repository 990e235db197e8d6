using InferBench.Results;

namespace InferBench.Forecast;

/// <summary>
/// Builds a run's <see cref="EstimatorProfile"/>: every measured row of the host's execution provider becomes a decode
/// step and a prefill (from its median rates), each variant's facts come from its files and its steps are fitted.
/// </summary>
public static class ProfileBuilder
{
    /// <param name="factsOf">Model facts of a variant's folder (<see cref="ModelFactsReader.Read"/>); an <see cref="InputException"/> makes the variant unavailable, with its message.</param>
    public static EstimatorProfile Build(RunResult run, ProfileHost host, Func<string, ModelFacts> factsOf, DateTimeOffset createdUtc)
    {
        var provider = JsonEnumName.Of(host.Kind == HostPeaks.GpuKind ? ExecutionProvider.Cuda : ExecutionProvider.Cpu);
        var variants = run.Results
            .Where(row => row.Status == ResultStatus.Ok && row.Metrics is not null && row.ExecutionProvider == provider)
            .GroupBy(row => (row.Model, row.Variant))
            .Select(rows => Variant(rows.ToList(), host, factsOf))
            .ToList();
        var decodeFit = HostDecodeFitter.Fit([.. variants.Where(variant => variant.Facts is not null && SharesTheHostsMemory(variant, host)).Select(variant => new HostDecodeFitter.VariantSteps(
            HostDecodeFitKey(variant),
            [.. variant.Points.Where(point => point.Phase == StepObservation.Decode).Select(point => new StepObservation(point.Phase, point.BatchSize,
                point.PromptTokens, point.GenTokens, point.ContextTokens, point.BytesPerStep, point.FlopsPerStep, variant.Facts!.Layers, point.MeasuredStepSeconds))],
            host.Peaks.PeakFlopsPerSecond(variant.Precision, ModelFacts.DequantizingGemm(variant.Precision, host.Kind))))], host.MemoryBandwidthBytesPerSecond);
        return new EstimatorProfile { RunId = run.RunId, CreatedUtc = createdUtc, Host = host, Variants = variants, DecodeFit = decodeFit };
    }

    /// <summary>
    /// Whether a variant's decode steps read the bytes its files hold, so that its steps speak for the host's memory:
    /// not fp16 on a CPU, which ONNX Runtime widens to fp32 at load (the run's rows say so), reading twice the file's bytes.
    /// </summary>
    internal static bool SharesTheHostsMemory(ProfileVariant variant, ProfileHost host) =>
        !(host.Kind == HostPeaks.CpuKind && variant.Precision == "fp16");

    /// <summary>A variant's key in <see cref="HostDecodeFit.ComputeEfficiencyByVariant"/>: "model/variant".</summary>
    public static string HostDecodeFitKey(ProfileVariant variant) => $"{variant.Model}/{variant.Variant}";

    private static ProfileVariant Variant(IReadOnlyList<ScenarioResult> rows, ProfileHost host, Func<string, ModelFacts> factsOf)
    {
        var first = rows[0];
        var watts = rows.Select(row => row.Energy?.AverageWatts).OfType<double>().Order().ToList();
        var energySource = rows.Select(row => row.Energy).FirstOrDefault(energy => energy?.AverageWatts is not null)?.Source;
        var averageWatts = watts.Count > 0 ? watts[watts.Count / 2] : (double?)null;
        if (first.ModelPath is null)
            return new ProfileVariant(first.Model, first.Variant, first.Precision, first.ExecutionProvider, null, null, [], null, averageWatts, energySource, "run.json records no model folder for this variant");
        ModelFacts facts;
        try
        {
            facts = factsOf(first.ModelPath);
        }
        catch (InputException e)
        {
            return new ProfileVariant(first.Model, first.Variant, first.Precision, first.ExecutionProvider, first.ModelPath, null, [], null, averageWatts, energySource, $"model facts unavailable: {e.Message}");
        }
        var bandwidth = host.MemoryBandwidthBytesPerSecond;
        var dequantizing = ModelFacts.DequantizingGemm(first.Precision, host.Kind);
        var peak = host.Peaks.PeakFlopsPerSecond(first.Precision, dequantizing);
        var observations = rows.SelectMany(row => Observations(row, facts, dequantizing)).ToList();
        if (observations.Count == 0)
            return new ProfileVariant(first.Model, first.Variant, first.Precision, first.ExecutionProvider, first.ModelPath, facts, [], null, averageWatts, energySource, "no row has a decode or prefill rate");
        var (fit, predicted) = RooflineFitter.Fit(observations, bandwidth, peak);
        var points = observations.Select((o, i) => new ProfilePoint(
            o.Phase, o.BatchSize, o.PromptTokens, o.GenTokens, o.ContextTokens, o.Bytes, o.Flops, o.MeasuredSeconds,
            AchievedBandwidthBytesPerSecond: o.Bytes / o.MeasuredSeconds,
            AchievedFlopsPerSecond: o.Flops / o.MeasuredSeconds,
            PredictedStepSeconds: predicted[i],
            RelativeResidual: predicted[i] / o.MeasuredSeconds - 1,
            BoundBy: o.Bytes / bandwidth / (fit.MemoryEfficiency.Value ?? 1) >= o.Flops / peak / (fit.ComputeEfficiency.Value ?? double.PositiveInfinity) ? "memory" : "compute"))
            .ToList();
        return new ProfileVariant(first.Model, first.Variant, first.Precision, first.ExecutionProvider, first.ModelPath, facts, points, fit, averageWatts, energySource);
    }

    /// <summary>The decode step and the prefill of one row, from the medians of its measured repetitions.</summary>
    /// <param name="dequantizingGemm">Whether the run's engine multiplied quantized weights through an fp16 copy (<see cref="ModelFacts.DequantizingGemm"/>).</param>
    public static IEnumerable<StepObservation> Observations(ScenarioResult row, ModelFacts facts, bool dequantizingGemm)
    {
        var metrics = row.Metrics!;
        if (metrics.DecodeTokensPerSecond.Median > 0)
        {
            var context = row.PromptTokens + row.GenTokens / 2.0;
            yield return new StepObservation(StepObservation.Decode, row.BatchSize, row.PromptTokens, row.GenTokens, context,
                facts.DecodeStepBytes(row.BatchSize, context, dequantizingGemm), facts.DecodeStepFlops(row.BatchSize, context), facts.Layers,
                row.BatchSize / metrics.DecodeTokensPerSecond.Median);
        }
        if (metrics.PrefillTokensPerSecond.Median > 0)
            yield return new StepObservation(StepObservation.Prefill, row.BatchSize, row.PromptTokens, row.GenTokens, row.PromptTokens,
                facts.PrefillBytes(row.BatchSize, row.PromptTokens, dequantizingGemm), facts.PrefillFlops(row.BatchSize, row.PromptTokens), facts.Layers,
                (double)row.BatchSize * row.PromptTokens / metrics.PrefillTokensPerSecond.Median);
    }
}
