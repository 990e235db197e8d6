using InferBench.Campaign;
using InferBench.Configuration;
using InferBench.Cost.Units;
using InferBench.Fetch;
using InferBench.Onnx;
using InferBench.Merge;
using InferBench.Quantization;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Serving;
using InferBench.Synthetic;
using InferBench.Telemetry.Power;

namespace InferBench.Cli;

/// <summary>The option that gives each library input, so a range error from the library names what the user typed.</summary>
public static class OptionNames
{
    // Added with Add, not the indexer, so two fields of one name fail at startup instead of one option winning silently.
    private static readonly Dictionary<string, string> ByField = new()
    {
        { RunPlanPoints.PromptTokens.Field, "--prompt-tokens" },
        { CampaignShardRun.ShardIndexField, "--shard-index" },
        { CampaignShardRun.ShardCountField, "--shard-count" },
        { QuantizationOptions.SourceField, "--in" },
        { QuantizationOptions.QuantizeLmHeadField, "--quantize-lm-head" },
        { QuantizationOptions.TargetField, "--target" },
        { ModelOutputFolder.Field, "--out" },
        { RunFolder.ResultsFolderField, "--out" },
        { MergeFolder.Field, "--out" },
        { MachinePrice.Field, "--price" },
        { SyntheticModelPresets.PresetField, "--preset" },
        { FetchCache.CacheField, $"--cache (or {FetchCache.EnvironmentVariable})" },
        { RunPlanPoints.GenTokens.Field, "--gen-tokens" },
        { RunPlanPoints.BatchSizes.Field, "--batch" },
        { RunPlanPoints.WarmupRepetitions.Field, "--warmup" },
        { RunPlanPoints.MeasuredRepetitions.Field, "--reps" },
        { RunPlanPoints.IntraOpThreads(1).Field, "--threads" },
        { RunPlanPoints.Rounds.Field, "--rounds" },
        { RunPlanPoints.AutoMaxBatchSize.Field, "--max-batch" },
        { RunPlanPoints.AutoMinGainPercent.Field, "--batch-min-gain" },
        { LatencyTargetParser.Field, "--slo" },
        { RunPlanPoints.AutoTargetHalfWidthPercent.Field, "--target-ci" },
        { RunPlanPoints.AutoMaxRepetitions.Field, "--max-reps" },
        { RunPlanPoints.AutoMaxSecondsPerPoint.Field, "--max-seconds-per-point" },
        { nameof(RunPlanRecord.PromptText), "--prompt-text" },
        { RunPlanPoints.QualityTokens.Field, "--quality-tokens" },
        { nameof(RunPlanRecord.QualityText), "--quality-text" },
        { nameof(RunPlanRecord.QualityMethod), "--quality-method" },
        { ProviderOptionParser.Field, "--provider-option" },
        { TargetSelection.ModelsField, "--model" },
        { TargetSelection.VariantsField, "--variant" },
        { TargetSelection.ModelFolderField, "--model-path" },
        { PowerInputs.IdleSeconds.Field, "--idle-seconds" },
        { PowerInputs.ProbeSeconds.Field, "--seconds" },
        { PowerInputs.CpuTdpWatts.Field, "--cpu-tdp-watts" },
        { PowerInputs.CpuThreads.Field, "--cpu-threads" },
        { CostInputs.Utilization.Field, "--utilization" },
        { nameof(RunInputs.PricePerHour), "--price-per-hour" },
        { nameof(RunInputs.Instance), "--instance" },
        { nameof(RunInputs.Power), "--power" },
        { nameof(RunInputs.Engine), "--engine" },
        { SyntheticModelInputs.HiddenSize.Field, "--hidden-size" },
        { SyntheticModelInputs.Layers.Field, "--layers" },
        { SyntheticModelInputs.AttentionHeads.Field, "--heads" },
        { SyntheticModelInputs.KeyValueHeads.Field, "--kv-heads" },
        { SyntheticModelInputs.IntermediateSize.Field, "--intermediate-size" },
        { SyntheticModelInputs.VocabSize.Field, "--vocab-size" },
        { SyntheticModelInputs.ContextLength.Field, "--context-length" },
        { SyntheticModelInputs.Seed.Field, "--seed" },
        { QuantizationOptions.BlockSizes.Field, "--block-size" },
        { QuantizationOptions.AccuracyLevels.Field, "--accuracy-level" },
        { PowerInputs.SteadyMaxSeconds.Field, "--steady-max-seconds" },
        { PowerInputs.SteadyWindowSeconds.Field, "--steady-window-seconds" },
        { PowerInputs.SteadyPowerSlopePercentPerSecond.Field, "--steady-power-slope" },
        { PowerInputs.SteadyTemperatureSlopeCelsiusPerSecond.Field, "--steady-temp-slope" },
        { Forecast.EstimatorProfiles.GpuField, "--gpu" },
        { Forecast.Forecasts.ProfileField, "--profile" },
        { ServingPlanRanges.Concurrency.Field, "--concurrency" },
        { ServingPlanRanges.RequestRate.Field, "--request-rate" },
        { nameof(ServingPlanRecord.RequestRateAuto), "--request-rate" },
        { ServingPlanRanges.Burstiness.Field, "--burstiness" },
        { ServingPlanRanges.RequestsPerPoint.Field, "--requests" },
        { ServingPlanRanges.SecondsPerPoint.Field, "--duration" },
        { ServingPlanRanges.WarmupRequests.Field, "--warmup-requests" },
        { nameof(ServingLengths.PromptTokensMin), "--prompt-tokens" },
        { nameof(ServingLengths.PromptTokensMax), "--prompt-tokens" },
        { nameof(ServingLengths.OutputTokensMin), "--gen-tokens" },
        { nameof(ServingLengths.OutputTokensMax), "--gen-tokens" },
        { ServingPlanRanges.SharedPrefixTokens.Field, "--shared-prefix-tokens" },
        { ServingConfigurationFactory.MaxScheduledTokens.Field, "--max-scheduled-tokens" },
    };

    /// <summary>The option for <paramref name="field"/>; the field's own name when no option gives it.</summary>
    public static string Of(string field) => ByField.GetValueOrDefault(field, field);
}
