using InferBench.Results;
using InferBench.Runner;
using InferBench.Serving;
using InferBench.Tests.Support;

namespace InferBench.Tests.Serving;

/// <summary>A serving sweep over one target on a <see cref="ClockedServingModel"/>, collecting what it emits.</summary>
internal static class ServingRun
{
    public static ServingTarget Target { get; } = new("fake-model", "int4", "int4", "/models/fake", VocabSize: 1000);

    /// <summary>Fixed lengths (prompt 5, output 10), seed 7, 8 warmup requests, 200 measured, no load point yet.</summary>
    public static ServingPlanRecord Plan { get; } = new(
        "clocked", Concurrencies: [], ConcurrencyAuto: false, RequestRatesPerSecond: [], Burstiness: 1, Seed: 7,
        RequestsPerPoint: 200, SecondsPerPoint: null, WarmupRequests: 8, new ServingLengths("fixed", 5, 5, 10, 10),
        SharedPrefixTokens: 0, OutputLengthForced: true);

    public static List<ServingPointResult> Sweep(
        ServingPlanRecord plan, ClockedServingModel model, FakeClock clock, IReadOnlyList<LatencyTarget>? targets = null,
        SweepEnergy? energy = null, CancellationToken cancellation = default, IReadOnlyList<ServingTarget>? servingTargets = null,
        IReadOnlyList<RequestLength>? fileLengths = null)
    {
        var rows = new List<ServingPointResult>();
        new ServingSweep(plan, targets ?? [], model, ExecutionProvider.Cpu, null, null, energy, clock, rows.Add, fileLengths)
            .Run(servingTargets ?? [Target], cancellation);
        return rows;
    }
}
