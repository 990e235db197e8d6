using InferBench.Configuration;
using InferBench.Cost.Citations;
using InferBench.Cost.Units;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Serving;
using InferBench.Synthetic;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Serving;

/// <summary>A serving run through the library alone, on the tiny synthetic model, saved to memory instead of a run folder.</summary>
public sealed class ServingSessionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RunInputs Setup(params int[] concurrencies) => new(
        new RunPlanRecord([], [], [], 0, 0, IntraOpThreads: 1, Seed: 7, ExecutionProvider.Cpu, PromptText: null,
            Serving: new ServingPlanRecord("genai-engine", concurrencies, ConcurrencyAuto: false, RequestRatesPerSecond: [], Burstiness: 1, Seed: 7,
                RequestsPerPoint: 2, SecondsPerPoint: null, WarmupRequests: 0, new ServingLengths(RequestLengths.FixedKind, 8, 8, 4, 4),
                SharedPrefixTokens: 0, OutputLengthForced: true)),
        new Cited<Utilization>(Utilization.Full, Citation.Default("test")), "results", DateTimeOffset.UtcNow, "test")
    {
        Engine = "genai-engine",
        Power = PowerSourceChoice.None,
        IdleSeconds = 0,
    };

    private BenchmarkTarget TinyFolder()
    {
        var folder = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, folder);
        return TargetSelection.FromFolder(folder);
    }

    private static RunOutcome Run(RunInputs setup, IRunStore store, IReadOnlyList<BenchmarkTarget> targets, List<string>? notes = null)
    {
        using var session = ServingSession.Start(ServingConfigurationFactory.Create(setup, HostFactsProbe.Read()), store, (notes ?? []).Add);
        return session.Run(targets, _ => { }, CancellationToken.None);
    }

    [Fact]
    public void A_session_saves_before_serving_after_every_point_and_when_finished()
    {
        var store = new MemoryRunStore();

        var outcome = Run(Setup(1, 2), store, [TinyFolder()]);

        Assert.False(outcome.SaveFailed);
        Assert.Equal([0, 1, 2, 2, 2], store.Saves.Select(s => s.Serving!.Count));
        Assert.Equal([0, 0, 0, 1, 1], store.Saves.Select(s => s.Results.Count));
        Assert.Equal([RunState.InProgress, RunState.InProgress, RunState.InProgress, RunState.InProgress, RunState.Complete], store.Saves.Select(s => s.State));
        var baseline = Assert.Single(outcome.Run.Results);
        Assert.Equal((ResultStatus.Ok, 1, 8, 4), (baseline.Status, baseline.BatchSize, baseline.PromptTokens, baseline.GenTokens));
        Assert.Equal([8], outcome.Run.Plan.PromptTokens);
        Assert.Equal([4], outcome.Run.Plan.GenTokens);
        Assert.All(outcome.Run.Serving!, point => Assert.Equal(ResultStatus.Ok, point.Status));
    }

    [Fact]
    public void The_static_baseline_repeats_until_its_median_is_precise_or_a_cap_not_a_fixed_three_times()
    {
        var outcome = Run(Setup(1), new MemoryRunStore(), [TinyFolder()]);

        var baseline = Assert.Single(outcome.Run.Results);
        Assert.Equal(ServingConfigurationFactory.StaticBaselineRepetitions, outcome.Run.Plan.AutoRepetitions);
        var stop = baseline.RepetitionStop!;
        Assert.Contains(stop.Reason, (RepetitionStopReason[])[RepetitionStopReason.Precise, RepetitionStopReason.MaxReps, RepetitionStopReason.TimeCap]);
        Assert.Equal(stop.MeasuredRepetitions, baseline.Repetitions.Count(r => r.Phase == RepetitionPhase.Measured));
        // The tiny model's repetitions take milliseconds: the 10 s cap cannot stop it before the rule's 10 repetitions.
        Assert.InRange(stop.MeasuredRepetitions, 10, 50);
        Assert.Equal(2, stop.TargetHalfWidthPercent);
    }

    [Fact]
    public void The_lengths_file_is_read_once_when_the_run_is_checked_so_a_later_change_cannot_touch_the_run()
    {
        var lengths = _temp.Combine("lengths.csv");
        File.WriteAllText(lengths, "prompt_tokens,output_tokens\n6,3\n");
        var setup = Setup(1);
        setup = setup with
        {
            Plan = setup.Plan with { Serving = setup.Plan.Serving! with { Lengths = new ServingLengths(RequestLengths.FileKind, 0, 0, 0, 0, lengths) } },
        };
        var configuration = ServingConfigurationFactory.Create(setup, HostFactsProbe.Read());
        var target = TinyFolder();
        File.Delete(lengths);

        using var session = ServingSession.Start(configuration, new MemoryRunStore(), _ => { });
        var outcome = session.Run([target], _ => { }, CancellationToken.None);

        var point = Assert.Single(outcome.Run.Serving!);
        Assert.True(point.Status == ResultStatus.Ok, point.Reason);
        Assert.All(point.Requests, request => Assert.Equal((6, 3), (request.PromptTokens, request.OutputTokens)));
    }

    [Fact]
    public void A_target_that_cannot_be_prepared_gets_a_row_per_load_that_says_why()
    {
        var empty = TargetSelection.FromFolder(Directory.CreateDirectory(_temp.Combine("empty")).FullName);

        var outcome = Run(Setup(1, 2), new MemoryRunStore(), [empty]);

        Assert.Equal([1, 2], outcome.Run.Serving!.Select(p => p.Load.Concurrency!.Value));
        Assert.All(outcome.Run.Serving!, point =>
        {
            Assert.Equal(ResultStatus.Failed, point.Status);
            Assert.Contains("genai_config.json", point.Reason);
        });
    }

    [Fact]
    public void A_failed_save_stops_the_run_and_marks_the_last_good_save_incomplete()
    {
        var store = new MemoryRunStore(failAt: 2);
        var notes = new List<string>();

        var outcome = Run(Setup(1, 2), store, [TinyFolder()], notes);

        Assert.True(outcome.SaveFailed);
        Assert.Equal(RunState.Incomplete, outcome.Run.State);
        Assert.Empty(outcome.Run.Serving!);
        Assert.Equal(RunState.Incomplete, Assert.Single(store.RunJsonSaves).State);
        Assert.Contains($"The run stopped; {store.FullPath} holds the last good save (0 load points), marked incomplete.", notes);
    }
}
