using InferBench.Engines;
using InferBench.Results;
using InferBench.Statistics;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

public static class RunPlanPoints
{
    /// <summary>A point's tokens (batch x (prompt + gen)) index 32-bit arrays and ONNX Runtime GenAI's int lengths.</summary>
    public const long MaxTokensPerBatch = int.MaxValue;

    /// <summary>More repetitions than this is a typo rather than a plan: the run would not finish.</summary>
    public const int MaxRepetitions = 10_000;

    public const int MaxRounds = 100;

    public static InputRange PromptTokens { get; } = new(nameof(RunPlanRecord.PromptTokens), 1, int.MaxValue, WholeNumber: true);
    public static InputRange GenTokens { get; } = new(nameof(RunPlanRecord.GenTokens), 2, int.MaxValue, WholeNumber: true,
        Why: "decode speed needs at least one token after the first");
    public static InputRange BatchSizes { get; } = new(nameof(RunPlanRecord.BatchSizes), 1, int.MaxValue, WholeNumber: true);
    public static InputRange WarmupRepetitions { get; } = new(nameof(RunPlanRecord.WarmupRepetitions), 0, MaxRepetitions, WholeNumber: true);
    public static InputRange MeasuredRepetitions { get; } = new(nameof(RunPlanRecord.MeasuredRepetitions), 1, MaxRepetitions, WholeNumber: true);
    /// <summary>Each round sweeps every variant again; more than this is a typo rather than a plan.</summary>
    public static InputRange Rounds { get; } = new(nameof(RunPlanRecord.Rounds), 1, MaxRounds, WholeNumber: true);

    public static InputRange AutoTargetHalfWidthPercent { get; } = new(nameof(AutoRepetitions.TargetHalfWidthPercent), 0, 100, MinimumExcluded: true,
        Why: "percent of the median");
    /// <summary>At least the stopping rule's minimum count: a cap below it could only ever stop at the cap, never for precision.</summary>
    public static InputRange AutoMaxRepetitions { get; } = new(nameof(AutoRepetitions.MaxRepetitions), RepetitionStopRule.DefaultMinimumCount, MaxRepetitions,
        WholeNumber: true, Why: $"automatic repetitions call a point precise only after {RepetitionStopRule.DefaultMinimumCount}, so a lower cap never reaches the target");
    public static InputRange AutoMaxSecondsPerPoint { get; } = new(nameof(AutoRepetitions.MaxSecondsPerPoint), 0, 86_400, MinimumExcluded: true);
    /// <summary>The largest batch <c>--batch auto</c> tries; GenAI (0.18 and 0.20) refuses more than 32 anyway, other runtimes may not.</summary>
    public static InputRange AutoMaxBatchSize { get; } = new(nameof(AutoBatch.MaxBatchSize), 1, 1 << 20, WholeNumber: true);
    public static InputRange AutoMinGainPercent { get; } = new(nameof(AutoBatch.MinGainPercent), 0, 1000,
        Why: "percent of decode tok/s gained over two doublings");
    /// <summary>A latency target's limit in milliseconds: above 0 and at most a day.</summary>
    public static InputRange LatencyTargetMilliseconds { get; } = new(nameof(RunPlanRecord.LatencyTargets), 0, 86_400_000, MinimumExcluded: true,
        Why: "milliseconds");
    /// <summary>--quality-tokens: scored tokens of the evaluation text; 10 million is ~30x WikiText-2's test split.</summary>
    public static InputRange QualityTokens { get; } = new(nameof(RunPlanRecord.QualityTokens), 1, 10_000_000, WholeNumber: true);
    public static InputRange Seed { get; } = new(nameof(RunPlanRecord.Seed), int.MinValue, int.MaxValue, WholeNumber: true);

    /// <summary>
    /// Intra-op threads: at most one per logical core. More cannot run at once, so they only wait on each other
    /// (999 threads on 2 cores made a 1-second run take a minute) and the figure would measure the oversubscription.
    /// </summary>
    public static InputRange IntraOpThreads(int logicalCores) => new(nameof(RunPlanRecord.IntraOpThreads), 1, logicalCores, WholeNumber: true);

    /// <summary>Every plan point of the batch list, in a stable order: batch, then prompt length, then generation length
    /// (<c>--batch auto</c>'s points are found as the sweep goes).</summary>
    public static IReadOnlyList<PlanPoint> Expand(RunPlanRecord plan) =>
        (from batch in plan.BatchSizes
         from prompt in plan.PromptTokens
         from gen in plan.GenTokens
         select new PlanPoint(batch, prompt, gen)).ToArray();

    /// <summary>Rejects a plan that cannot produce the metrics or cannot be held in 32-bit sizes.</summary>
    /// <param name="logicalCores">This machine's logical cores (<see cref="Environment.ProcessorCount"/>), the most threads a plan may ask for.</param>
    /// <exception cref="InputFieldException">A value (steady-state warmup's included), or the largest point's token count, is out of range, or the prompt text
    /// is empty; it names the plan fields.</exception>
    public static void Validate(RunPlanRecord plan, int logicalCores)
    {
        RequireAll(plan.PromptTokens, PromptTokens);
        RequireAll(plan.GenTokens, GenTokens);
        // --batch auto on every provider leaves the batch list unused (empty).
        var batchList = plan.AutoBatch is not { CudaOnly: false };
        if (batchList)
            RequireAll(plan.BatchSizes, BatchSizes);
        WarmupRepetitions.Check(plan.WarmupRepetitions);
        MeasuredRepetitions.Check(plan.MeasuredRepetitions);
        Rounds.Check(plan.Rounds);
        if (plan.AutoRepetitions is { } auto)
        {
            AutoTargetHalfWidthPercent.Check(auto.TargetHalfWidthPercent);
            // Named with the repetitions field: the cap is too low only because the repetitions are automatic.
            if (!AutoMaxRepetitions.Accepts(auto.MaxRepetitions))
                throw new InputRangeException([MeasuredRepetitions.Field, AutoMaxRepetitions.Field], AutoMaxRepetitions.Expected,
                    InputRange.Format(auto.MaxRepetitions));
            AutoMaxSecondsPerPoint.Check(auto.MaxSecondsPerPoint);
        }
        if (plan.AutoBatch is { } autoBatch)
        {
            AutoMaxBatchSize.Check(autoBatch.MaxBatchSize);
            AutoMinGainPercent.Check(autoBatch.MinGainPercent);
        }
        foreach (var target in plan.LatencyTargets ?? [])
            LatencyTargetMilliseconds.Check(target.LimitMilliseconds);
        if (plan.IntraOpThreads is { } threads)
            IntraOpThreads(logicalCores).Check(threads);
        if (plan.QualityTokens is { } qualityTokens)
            QualityTokens.Check(qualityTokens);
        if (plan.QualityMethod is { } qualityMethod and not (QualityMethod.Text or QualityMethod.LlamaCpp))
            throw new InputFieldException([nameof(RunPlanRecord.QualityMethod)],
                $"expected {JsonEnumName.Of(QualityMethod.Text)} or {JsonEnumName.Of(QualityMethod.LlamaCpp)}, got {JsonEnumName.Of(qualityMethod)} (how models without a tokenizer are measured, not a choice)");
        if (plan.SteadyState is { } steadyState)
            PowerInputs.Check(steadyState);

        CheckTokensPerBatch(batchList ? plan.BatchSizes.Max() : 1, plan.PromptTokens.Max(), plan.GenTokens.Max());
        if (plan.PromptText is { Length: 0 })
            throw new InputFieldException([nameof(RunPlanRecord.PromptText)], "expected some text, got an empty string");
    }

    /// <exception cref="InputRangeException">batch x (prompt + gen) passes <see cref="MaxTokensPerBatch"/>.</exception>
    public static void CheckTokensPerBatch(int batch, int prompt, int gen)
    {
        if ((long)batch * ((long)prompt + gen) > MaxTokensPerBatch)
            throw new InputRangeException(
                [nameof(RunPlanRecord.BatchSizes), nameof(RunPlanRecord.PromptTokens), nameof(RunPlanRecord.GenTokens)],
                $"batch x (prompt + gen) of at most {MaxTokensPerBatch} tokens (32-bit sizes)",
                $"{batch} x ({prompt} + {gen}) = {(long)batch * ((long)prompt + gen)}");
    }

    private static void RequireAll(IReadOnlyList<int> values, InputRange range)
    {
        if (values.Count == 0)
            throw new InputRangeException([range.Field], "at least one value", "none");
        foreach (var value in values)
            range.Check(value);
    }
}
