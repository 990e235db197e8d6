using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Serving;
using InferBench.Statistics;
using InferBench.Telemetry;

namespace InferBench.Configuration;

/// <summary>
/// The one place a <see cref="ServingConfiguration"/> is made, from the same <see cref="RunInputs"/> a run's configuration is
/// made from (power, price and output are checked by the same code): every input checked once, named by its field.
/// </summary>
public static class ServingConfigurationFactory
{
    /// <summary>The most requests per engine step a serving run may ask for: GenAI's continuous batching runs at most 256.</summary>
    public static InputRange MaxBatchSize { get; } = new(nameof(ServingPlanRecord.MaxBatchSize), 1, 256, WholeNumber: true,
        Why: "GenAI's continuous batching runs at most 256 requests per step");

    public static InputRange MaxScheduledTokens { get; } = new(nameof(ServingPlanRecord.MaxScheduledTokens), 1, int.MaxValue, WholeNumber: true);

    /// <param name="given">What was given; <see cref="RunPlanRecord.Serving"/> holds the load plan, whose engine is resolved
    /// against <see cref="InferenceEngines.Serving"/>. The plan's prompt and generation lengths are filled from the load plan;
    /// where its lengths are fixed, its batch list is [1] with 1 warmup and <see cref="StaticBaselineRepetitions"/>: the static baseline.</param>
    /// <exception cref="InputException">The engine is not a serving engine of this build, the lengths file cannot be read, a
    /// value of the load plan, the latency targets or the threads is out of range, or the power or price inputs are wrong
    /// (as for a run); it names the fields or the file.</exception>
    public static ServingConfiguration Create(RunInputs given, HostFacts host)
    {
        var serving = given.Plan.Serving ?? throw new ArgumentException("a serving run's inputs hold a load plan", nameof(given));
        var engine = Engine(serving.Engine);
        // Read here, before the run folder exists, so a bad file is refused up front; the run.json records its ranges and hash.
        var lengthsFile = serving.Lengths.File is { } path ? LengthsFile.Read(path) : null;
        if (lengthsFile is not null)
            serving = serving with { Lengths = lengthsFile.Record };
        ServingPlanRanges.Check(serving);
        if (serving.MaxBatchSize is { } maxBatch)
            MaxBatchSize.Check(maxBatch);
        if (serving.MaxScheduledTokens is { } maxScheduled)
            MaxScheduledTokens.Check(maxScheduled);
        foreach (var target in given.Plan.LatencyTargets ?? [])
            RunPlanPoints.LatencyTargetMilliseconds.Check(target.LimitMilliseconds);
        if (given.Plan.IntraOpThreads is { } threads)
            RunPlanPoints.IntraOpThreads(Environment.ProcessorCount).Check(threads);
        var fixedLengths = serving.Lengths.PromptTokensMin == serving.Lengths.PromptTokensMax
            && serving.Lengths.OutputTokensMin == serving.Lengths.OutputTokensMax;
        var plan = given.Plan with
        {
            PromptTokens = Ends(serving.Lengths.PromptTokensMin, serving.Lengths.PromptTokensMax),
            GenTokens = Ends(serving.Lengths.OutputTokensMin, serving.Lengths.OutputTokensMax),
            // The static baseline: the same request alone on the static-batch engine, for the report to set beside the load points.
            BatchSizes = fixedLengths ? [1] : [],
            WarmupRepetitions = fixedLengths ? StaticBaselineWarmupRepetitions : 0,
            MeasuredRepetitions = fixedLengths ? AutoRepetitionStopper.MinimumRepetitions : 0,
            AutoRepetitions = fixedLengths ? StaticBaselineRepetitions : null,
            Serving = serving,
        };
        var inputs = given with { Plan = plan };
        return new ServingConfiguration(plan, engine, RunConfigurationFactory.Power(inputs), RunConfigurationFactory.Cost(inputs),
            RunConfigurationFactory.Output(inputs), host, lengthsFile?.Lengths);
    }

    public const int StaticBaselineWarmupRepetitions = 1;

    /// <summary>
    /// The static baseline repeats as <c>run --reps auto</c> does: until its median decode tokens/s is within ±2% (95%),
    /// from 3 to 50 repetitions, for at most 10 s of measured repetitions. Three fixed repetitions proved fragile on a noisy
    /// host (one slowed repetition moved the median by a fifth); the median of many is not moved by a few, and the cap
    /// keeps the baseline near one load point's time.
    /// </summary>
    public static AutoRepetitions StaticBaselineRepetitions { get; } = new(TargetHalfWidthPercent: 2, MaxRepetitions: 50, MaxSecondsPerPoint: 10);

    private static int[] Ends(int min, int max) => min == max ? [min] : [min, max];

    /// <summary>The serving engine of that name in <see cref="InferenceEngines.Serving"/>.</summary>
    private static IServingEngine Engine(string name) =>
        RunConfigurationFactory.EngineNamed(InferenceEngines.Serving, engine => engine.Name, name, "serving engine");
}
