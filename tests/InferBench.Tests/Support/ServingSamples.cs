using InferBench.Results;

namespace InferBench.Tests.Support;

/// <summary>
/// Serving runs built by hand: synthetic-llama-small int4 on the CPU at concurrency 1, 2 and 4 and at 2, 4 and 16
/// requests/s (16 past saturation), under targets TTFT p50 ≤ 100 ms and ITL p99 ≤ 10 ms, energy estimated, beside a static
/// batch-1 and batch-4 row of the same model.
/// </summary>
internal static class ServingSamples
{
    public const string Model = "synthetic-llama-small";

    public static IReadOnlyList<LatencyTarget> Targets { get; } = [new(LatencyMetric.Ttft, 100), new(LatencyMetric.ItlP99, 10)];

    public static ServingPlanRecord Plan { get; } = new("genai-engine", [1, 2, 4], ConcurrencyAuto: false, [2, 4, 16], Burstiness: 1, Seed: 42,
        RequestsPerPoint: 64, SecondsPerPoint: 60, WarmupRequests: 4, new ServingLengths("fixed", 16, 16, 64, 64), SharedPrefixTokens: 0,
        OutputLengthForced: true);

    public static ServingCapabilities Capabilities { get; } = new("genai-engine", "static", ConfiguredMaxBatchSize: 4, EffectiveMaxBatchSize: 4,
        MaxScheduledTokens: null, MaxRequestLength: null, ReusesPromptPrefix: false,
        ["GenAI's StaticBatchScheduler::Schedule forms batches of at most 4 (src/engine/scheduler.cpp:78 at a0c04eb)"]);

    /// <summary>The six points: concurrency 1, 2, 4, then 2, 4 and 16 requests/s.</summary>
    public static IReadOnlyList<ServingPointResult> Points() =>
    [
        Point(new("concurrency", 1, null), outputTokensPerSecond: 300, ttftMs: 20, tpotMs: 3.0, itlP99Ms: 4, steadyJoules: 0.05, batchRows: 1),
        Point(new("concurrency", 2, null), outputTokensPerSecond: 520, ttftMs: 30, tpotMs: 3.5, itlP99Ms: 6, steadyJoules: 0.03, batchRows: 2),
        Point(new("concurrency", 4, null), outputTokensPerSecond: 727, ttftMs: 80, tpotMs: 5.2, itlP99Ms: 12, steadyJoules: 0.021, batchRows: 3.9),
        Point(new("request-rate", null, 2), outputTokensPerSecond: 128, ttftMs: 22, tpotMs: 3.1, itlP99Ms: 5, steadyJoules: 0.09, batchRows: 1.1),
        Point(new("request-rate", null, 4), outputTokensPerSecond: 256, ttftMs: 40, tpotMs: 3.6, itlP99Ms: 7, steadyJoules: 0.06, batchRows: 1.6),
        Point(new("request-rate", null, 16), outputTokensPerSecond: 700, ttftMs: 900, tpotMs: 5.5, itlP99Ms: 13, steadyJoules: 0.022, batchRows: 4,
            saturated: "arrivals 16 req/s, finished 10.9 req/s; the queue grew from 0 to 41 requests"),
    ];

    /// <summary>A serving run beside static rows of the same model, priced (ReportSamples' $3.99/h at 50%), with targets.</summary>
    public static RunResult Run()
    {
        var run = ReportSamples.Run(
            ReportSamples.MeasuredRow("cpu-int4", "int4", batch: 1, decodeTokensPerSecond: 322, joulesPerToken: 0.06, energySource: "estimated-cpu-tdp") with { Model = Model, PromptTokens = 16 },
            ReportSamples.MeasuredRow("cpu-int4", "int4", batch: 4, decodeTokensPerSecond: 727, joulesPerToken: 0.025, energySource: "estimated-cpu-tdp") with { Model = Model, PromptTokens = 16 });
        return run with
        {
            CommandLine = "inferbench serve --model synthetic-llama-small --concurrency 1,2,4 --request-rate 2,4,16 --slo ttft:100,itl-p99:10",
            Plan = run.Plan with { LatencyTargets = Targets, Serving = Plan },
            Serving = Points(),
        };
    }

    /// <summary>ReportSamples.CompleteRun with serving points in which every property is set (the first point: an open loop capped at a concurrency).</summary>
    public static RunResult CompleteRun()
    {
        var run = ReportSamples.CompleteRun();
        var first = Points()[5];
        return run with
        {
            Plan = run.Plan with
            {
                Serving = Plan with
                {
                    Lengths = new ServingLengths("file", 8, 512, 16, 256, "lengths.csv", new string('b', 64)),
                    SharedPrefixTokens = 8, MaxBatchSize = 16, MaxScheduledTokens = 2048, ConcurrencyAuto = true, RequestRateAuto = true,
                },
            },
            Serving =
            [
                first with
                {
                    Load = new("request-rate", 8, 16), Reason = "queue grew", ModelPath = "/models/synthetic-llama-small/cpu-int4",
                    Capabilities = Capabilities with { MaxScheduledTokens = 2048, MaxRequestLength = 128, ReusesPromptPrefix = true, Batching = "dynamic" },
                    Metrics = first.Metrics! with { QueueMilliseconds = Statistics(64, 400) },
                    Energy = first.Energy! with
                    {
                        Gross = ReportSamples.OkRow().Energy! with { Source = "estimated-cpu-tdp" },
                    },
                    Requests = [new ServingRequestRecord(12.5, 3.25, 25.5, 380.25, 16, 64, 8, "max-generated-tokens", SharedPrefixTokens: 8)],
                    ConcurrencyStop = new BatchStop(BatchStopReason.TargetBroken, "ttft p50 120 ms > 100 ms"),
                },
                .. Points().Take(5),
            ],
        };
    }

    private static ServingPointResult Point(ServingLoad load, double outputTokensPerSecond, double ttftMs, double tpotMs, double itlP99Ms,
        double steadyJoules, double batchRows, string? saturated = null)
    {
        const int requests = 64, outputTokens = 64, promptTokens = 16;
        var requestsPerSecond = outputTokensPerSecond / outputTokens;
        var e2eMs = ttftMs + tpotMs * (outputTokens - 1);
        var met = ttftMs <= 100 && itlP99Ms <= 10;
        var duration = requests / requestsPerSecond;
        return new ServingPointResult
        {
            Model = Model, Variant = "cpu-int4", Precision = "int4", ExecutionProvider = "cpu", Load = load, Status = ResultStatus.Ok,
            Capabilities = Capabilities,
            Metrics = new ServingPointMetrics(requests, WarmupRequests: 4, FailedRequests: 0, duration, load.RequestsPerSecond,
                ArrivalRequestsPerSecond: load.RequestsPerSecond ?? requestsPerSecond, requestsPerSecond, saturated is not null, saturated,
                GoodputRequestsPerSecond: met ? requestsPerSecond : requestsPerSecond / 4, InputTokensPerSecond: requestsPerSecond * promptTokens,
                outputTokensPerSecond, QueueMilliseconds: null, TimeToFirstTokenMilliseconds: Statistics(requests, ttftMs),
                TimePerOutputTokenMilliseconds: Statistics(requests, tpotMs), InterTokenLatencyMilliseconds: Statistics(requests * 63, tpotMs) with { P99 = itlP99Ms },
                EndToEndMilliseconds: Statistics(requests, e2eMs), OutputTokensPerSecondPerUser: Statistics(requests, 1000 / tpotMs),
                batchRows, BatchRowsMax: (int)Math.Ceiling(batchRows), EngineSteps: (int)(requests * outputTokens / batchRows), CachedPromptTokens: 0,
                MeanRequestsInSystem: requestsPerSecond * e2eMs / 1000 * 1.01, LittlesLawRelativeDifference: 0.0099, HarnessOverheadPercent: 0.4),
            Energy = new ServingEnergy("estimated-cpu-tdp", "ok", "estimated from this process's CPU time",
                new ScenarioEnergy("estimated-cpu-tdp", "ok", null, Generations: requests, WindowSeconds: duration + 2, Joules: steadyJoules * 1.2 * requests * outputTokens,
                    AverageWatts: 12.5, PeakWatts: 14, JoulesPerGeneratedToken: steadyJoules * 1.2, NetJoulesPerGeneratedToken: null,
                    PrefillJoulesPerPromptToken: null, DecodeJoulesPerGeneratedToken: null, LoadJoules: null, Throttled: false, Devices: []),
                JoulesPerOutputToken: steadyJoules * 1.2, SteadyStateStartSeconds: 1.5, SteadyStateEndSeconds: duration, SteadyStateJoules: steadyJoules * 3000,
                SteadyStateOutputTokens: 3000, SteadyStateJoulesPerOutputToken: steadyJoules),
            Targets = new TargetVerdict(met, [new(LatencyMetric.Ttft, 100, ttftMs, ttftMs <= 100), new(LatencyMetric.ItlP99, 10, itlP99Ms, itlP99Ms <= 10)]),
        };
    }

    private static SampleStatistics Statistics(int count, double median) =>
        new(count, median * 1.05, median, P90: median * 1.3, P99: median * 1.6, Min: median * 0.8, Max: median * 1.8,
            StandardDeviation: median * 0.1, ConfidenceInterval95Lower: median, ConfidenceInterval95Upper: median * 1.1);
}
