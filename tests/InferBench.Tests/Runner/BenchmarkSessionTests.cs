using InferBench.Configuration;
using InferBench.Cost.Citations;
using InferBench.Cost.Units;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Synthetic;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Runner;

/// <summary>A whole run through the library alone, on the tiny synthetic model, saved to memory instead of a run folder.</summary>
public sealed class BenchmarkSessionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RunInputs Setup(int[]? batch = null) => new(
        new RunPlanRecord([8], [4], batch ?? [1], 0, 2, IntraOpThreads: 1, Seed: 7, ExecutionProvider.Cpu, PromptText: null),
        new Cited<Utilization>(Utilization.Full, Citation.Default("test")), "results", DateTimeOffset.UtcNow, "test")
    {
        Power = PowerSourceChoice.None,
        IdleSeconds = 0,
    };

    private static RunConfiguration Configure(RunInputs setup) => RunConfigurationFactory.Create(setup, HostFactsProbe.Read());

    private BenchmarkTarget TinyFolder()
    {
        var folder = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, folder);
        return TargetSelection.FromFolder(folder);
    }

    private static RunOutcome Run(RunInputs setup, IRunStore store, IReadOnlyList<BenchmarkTarget> targets,
        List<string>? notes = null, CancellationToken cancellation = default)
    {
        using var session = BenchmarkSession.Start(Configure(setup), store, (notes ?? []).Add);
        return session.Run(targets, sweep => sweep(new RecordingProgress()), cancellation);
    }

    [Fact]
    public void A_session_saves_before_the_sweep_after_every_row_and_when_finished()
    {
        var store = new MemoryRunStore();

        var outcome = Run(Setup(batch: [1, 2]), store, [TinyFolder()]);

        Assert.False(outcome.Cancelled);
        Assert.False(outcome.SaveFailed);
        Assert.Equal([0, 1, 2, 2], store.Saves.Select(s => s.Results.Count));
        Assert.Equal([RunState.InProgress, RunState.InProgress, RunState.InProgress, RunState.Complete], store.Saves.Select(s => s.State));
        Assert.Same(store.Saves[^1], outcome.Run);
        Assert.Equal(store.RunId, outcome.Run.RunId);
        Assert.All(outcome.Run.Results, row => Assert.Equal(ResultStatus.Ok, row.Status));
        Assert.Null(outcome.Run.Power);
    }

    [Fact]
    public void A_session_loads_and_generates_with_its_configurations_engine()
    {
        var engine = new FakeEngine();
        var target = new BenchmarkTarget("fake-model", "fp32", "fp32", [ExecutionProvider.Cpu], FakeEngine.ModelFolder(_temp.Combine("fake")));
        var store = new MemoryRunStore();
        using var session = BenchmarkSession.Start(Configure(Setup(batch: [1, 2])) with { Engine = engine }, store, _ => { });

        var outcome = session.Run([target], sweep => sweep(new RecordingProgress()), CancellationToken.None);

        Assert.Equal([(1, ResultStatus.Ok), (2, ResultStatus.Ok)], outcome.Run.Results.Select(row => (row.BatchSize, row.Status)));
        Assert.Equal([1, 1, 2, 2], engine.Runs.Select(run => run.Point.BatchSize)); // two measured repetitions per point, no warmup
    }

    [Fact]
    public void Two_rounds_measure_every_variant_twice_in_reverse_order_and_every_save_carries_the_drift_between_them()
    {
        var store = new MemoryRunStore();
        var tiny = TinyFolder();
        var setup = Setup() with { Plan = Setup().Plan with { MeasuredRepetitions = 3, Rounds = 2 } };

        var outcome = Run(setup, store, [tiny with { Variant = "a" }, tiny with { Variant = "b" }]);

        Assert.Equal([(1, "a"), (1, "b"), (2, "b"), (2, "a")], outcome.Run.Results.Select(r => (r.Round, r.Variant)));
        Assert.All(outcome.Run.Results, row => Assert.Equal(ResultStatus.Ok, row.Status));
        var drift = outcome.Run.Drift;
        Assert.NotNull(drift);
        Assert.Equal(
            [("b", "decodeTokensPerSecond"), ("b", "timeToFirstTokenMilliseconds"), ("a", "decodeTokensPerSecond"), ("a", "timeToFirstTokenMilliseconds")],
            drift.Differences.Select(d => (d.Variant, d.Metric)));
        Assert.All(drift.Differences, d => Assert.Equal((2, 3, 3), (d.Round, d.BaselineRepetitions, d.RoundRepetitions)));
        Assert.Equal(drift.Differences.Any(d => d.FlagsRun), drift.LargerThanNoise); // the run flag is the stricter, Bonferroni one
        Assert.Equal([0, 0, 0, 2, 4, 4], store.Saves.Select(s => s.Drift?.Differences.Count ?? 0));
    }

    [Fact]
    public void Rounds_outside_1_to_100_are_refused_with_the_plan_field()
    {
        var setup = Setup() with { Plan = Setup().Plan with { Rounds = 0 } };

        var error = Assert.Throws<InputRangeException>(() => Configure(setup));

        Assert.Equal([nameof(RunPlanRecord.Rounds)], error.Fields);
        Assert.Contains("from 1 to 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_save_stops_the_run_and_marks_the_last_good_save_incomplete()
    {
        var store = new MemoryRunStore(failAt: 2);
        var notes = new List<string>();

        var outcome = Run(Setup(batch: [1, 2]), store, [TinyFolder()], notes);

        Assert.True(outcome.SaveFailed);
        Assert.Equal(RunState.Incomplete, outcome.Run.State);
        Assert.Empty(outcome.Run.Results);
        Assert.Equal(RunState.Incomplete, Assert.Single(store.RunJsonSaves).State);
        Assert.Single(store.ReportSaves);
        Assert.Contains(notes, n => n.Contains("No space left on device", StringComparison.Ordinal));
        Assert.Contains($"The run stopped; {store.FullPath} holds the last good save (0 rows), marked incomplete.", notes);
    }

    [Fact]
    public void A_signal_during_the_synthetic_build_stops_the_build_and_the_run_ends_cancelled()
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "syn", "description": "tiny synthetic", "variants": [
              { "id": "fp32", "precision": "fp32", "executionProviders": ["cpu"], "source": { "synthetic": { "preset": "tiny" } } } ] } ] }
            """);
        var target = Assert.Single(TargetSelection.FromManifest(manifest, [], []));
        using var signal = new CancellationTokenSource();
        var signalledBuild = target with
        {
            Prepare = token =>
            {
                signal.Cancel();
                return target.Prepare!(token);
            },
        };
        var store = new MemoryRunStore();

        var outcome = Run(Setup(), store, [signalledBuild], cancellation: signal.Token);

        Assert.True(outcome.Cancelled);
        Assert.Equal(RunState.Cancelled, outcome.Run.State);
        Assert.Empty(outcome.Run.Results);
        var cache = _temp.Combine(TargetSelection.SyntheticCacheFolder);
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFiles(cache, "*.onnx", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public void A_variant_whose_source_cannot_be_quantized_is_an_unsupported_row_naming_the_node()
    {
        var unsupported = new UnsupportedLayoutException("/models/x/model.onnx", "/model/layers.0/mlp/down_proj/MatMul", "its weight w is bfloat16; the quantizer reads float32 and float16 weights");
        var target = TinyFolder() with { Prepare = _ => throw new ModelPreparationException($"building the int4 variant: {unsupported.Message}", unsupported, ResultStatus.Unsupported) };

        var outcome = Run(Setup(), new MemoryRunStore(), [target]);

        var row = Assert.Single(outcome.Run.Results);
        Assert.Equal(ResultStatus.Unsupported, row.Status);
        Assert.Contains("node /model/layers.0/mlp/down_proj/MatMul cannot be quantized: its weight w is bfloat16", row.Reason);
    }

    [Fact]
    public void The_configuration_checks_the_plan_and_names_its_field()
    {
        var setup = Setup() with { Plan = Setup().Plan with { PromptText = "" } };

        var error = Assert.Throws<InputFieldException>(() => Configure(setup));

        Assert.Equal([nameof(RunPlanRecord.PromptText)], error.Fields);
        Assert.Equal("PromptText: expected some text, got an empty string", error.Message);
    }
}
