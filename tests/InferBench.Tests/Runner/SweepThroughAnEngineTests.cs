using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Tests.Support;

namespace InferBench.Tests.Runner;

/// <summary>The sweep and its points through the engine seam alone: a <see cref="FakeEngine"/>'s timings and scripted failures, no runtime.</summary>
public sealed class SweepThroughAnEngineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RunPlanRecord Plan(int[]? batch = null, int warmup = 1, int reps = 2) =>
        new([16], [8], batch ?? [1], warmup, reps, IntraOpThreads: 1, Seed: 7, ExecutionProvider.Cpu, PromptText: null);

    private static RunPlanRecord BatchAuto() =>
        Plan(batch: [], warmup: 0, reps: 1) with { AutoBatch = new AutoBatch(MaxBatchSize: 256, MinGainPercent: 0, CudaOnly: false) };

    private BenchmarkTarget Target(string variant = "fp32") =>
        new("fake-model", variant, "fp32", [ExecutionProvider.Cpu], FakeEngine.ModelFolder(_temp.Combine(variant)));

    private static List<ScenarioResult> Sweep(FakeEngine engine, RunPlanRecord plan, IReadOnlyList<BenchmarkTarget> targets,
        CancellationToken cancellation = default, RecordingProgress? progress = null)
    {
        var saved = new List<ScenarioResult>();
        new SweepRunner(plan, engine, progress ?? new RecordingProgress(), saved.Add).Run(targets, cancellation);
        return saved;
    }

    [Fact]
    public void Every_point_is_an_ok_row_with_the_metrics_of_the_engines_timings()
    {
        var engine = new FakeEngine();

        var rows = Sweep(engine, Plan(batch: [1, 4]), [Target()]);

        Assert.Equal([1, 4], rows.Select(r => r.BatchSize));
        Assert.All(rows, row =>
        {
            Assert.Equal((ResultStatus.Ok, null), (row.Status, row.Reason));
            Assert.Equal([RepetitionPhase.Warmup, RepetitionPhase.Measured, RepetitionPhase.Measured], row.Repetitions.Select(r => r.Phase));
            var metrics = row.Metrics!;
            // prefill 10 ms + first token 2 ms; 7 decode steps of 4 ms each for all the batch's sequences.
            Assert.Equal(12, metrics.TimeToFirstTokenMilliseconds.Median, 1e-9);
            Assert.Equal(row.BatchSize * 16 / 0.010, metrics.PrefillTokensPerSecond.Median, 1e-6);
            Assert.Equal(row.BatchSize * 250, metrics.DecodeTokensPerSecond.Median, 1e-6);
            Assert.Equal((14, 4.0), (metrics.InterTokenLatencyMilliseconds.Count, metrics.InterTokenLatencyMilliseconds.Median));
            Assert.Equal(0.040, metrics.EndToEndSeconds.Median, 1e-12);
            Assert.NotNull(row.LoadSeconds);
        });
        Assert.Equal(1, engine.Disposals); // loaded once for both points, then freed
    }

    [Theory]
    [InlineData(EngineFailure.Failed, ResultStatus.Failed, "loading the model: model.onnx is not a model")]
    [InlineData(EngineFailure.OutOfMemory, ResultStatus.Unsupported, "out of memory: loading the model: model.onnx is not a model")]
    [InlineData(EngineFailure.CudaUnavailable, ResultStatus.Unsupported, "loading the model: model.onnx is not a model")]
    public void An_engine_that_cannot_load_the_model_gives_every_point_its_status_and_reason(EngineFailure failure, ResultStatus status, string reason)
    {
        var engine = new FakeEngine { LoadFailure = new EngineException(failure, "model.onnx is not a model\n   at Load()") };

        var rows = Sweep(engine, Plan(batch: [1, 4]), [Target()]);

        Assert.Equal([(1, status, reason), (4, status, reason)], rows.Select(r => (r.BatchSize, r.Status, r.Reason)));
        Assert.All(rows, row => Assert.Null(row.LoadSeconds));
        Assert.Empty(engine.Runs);
    }

    [Fact]
    public void The_engines_own_words_are_the_reason()
    {
        var engine = new FakeEngine
        {
            LoadFailure = new EngineException(EngineFailure.CudaUnavailable, "no libcuda") { Reason = "needs the fake runtime's CUDA library" },
        };

        var row = Assert.Single(Sweep(engine, Plan(), [Target()]));

        Assert.Equal((ResultStatus.Unsupported, "needs the fake runtime's CUDA library"), (row.Status, row.Reason));
    }

    [Fact]
    public void Batch_auto_stops_at_the_batch_that_runs_out_of_memory()
    {
        var engine = new FakeEngine
        {
            Failure = (point, _, _) => point.BatchSize == 8 ? new EngineException(EngineFailure.OutOfMemory, "CUDA error cudaErrorMemoryAllocation: out of memory") : null,
        };

        var rows = Sweep(engine, BatchAuto(), [Target()]);

        Assert.Equal([1, 2, 4, 8], rows.Select(r => r.BatchSize));
        Assert.All(rows.SkipLast(1), row => Assert.Equal((ResultStatus.Ok, null), (row.Status, row.BatchStop)));
        Assert.Equal(ResultStatus.Unsupported, rows[^1].Status);
        Assert.Equal("out of memory: measured repetition 1: CUDA error cudaErrorMemoryAllocation: out of memory", rows[^1].Reason);
        Assert.Equal(new BatchStop(BatchStopReason.OutOfMemory, "batch 8 does not fit in memory"), rows[^1].BatchStop);
    }

    [Fact]
    public void Batch_auto_stops_at_the_batch_the_runtime_refuses_in_the_engines_words()
    {
        var engine = new FakeEngine
        {
            Failure = (point, _, _) => point.BatchSize > 4
                ? new EngineException(EngineFailure.BatchLimit, $"batch {point.BatchSize} > 4")
                {
                    Reason = "the fake runtime refuses batches above 4",
                    BatchStop = $"the fake runtime refuses batch {point.BatchSize}",
                }
                : null,
        };

        var rows = Sweep(engine, BatchAuto(), [Target()]);

        Assert.Equal([1, 2, 4, 8], rows.Select(r => r.BatchSize));
        Assert.Equal((ResultStatus.Unsupported, "the fake runtime refuses batches above 4"), (rows[^1].Status, rows[^1].Reason));
        Assert.Equal(new BatchStop(BatchStopReason.RuntimeLimit, "the fake runtime refuses batch 8"), rows[^1].BatchStop);
    }

    [Fact]
    public void Batch_auto_stops_at_a_batch_that_fails_with_its_status_and_reason()
    {
        var engine = new FakeEngine
        {
            Failure = (point, _, _) => point.BatchSize == 2 ? new EngineException(EngineFailure.Failed, "kernel crashed") : null,
        };

        var rows = Sweep(engine, BatchAuto(), [Target()]);

        Assert.Equal([1, 2], rows.Select(r => r.BatchSize));
        Assert.Equal(new BatchStop(BatchStopReason.Failed, "batch 2 is failed: measured repetition 1: kernel crashed"), rows[^1].BatchStop);
    }

    [Fact]
    public void A_failure_mid_point_keeps_the_repetitions_before_it_and_the_sweep_goes_on()
    {
        var engine = new FakeEngine
        {
            Failure = (point, phase, iteration) => (point.BatchSize, phase, iteration) == (1, RepetitionPhase.Measured, 2)
                ? new EngineException(EngineFailure.Failed, "Non-zero status code returned while running MatMul node\n   at Run()")
                : null,
        };

        var rows = Sweep(engine, Plan(batch: [1, 2], reps: 3), [Target()]);

        var failed = rows[0];
        Assert.Equal((ResultStatus.Failed, "measured repetition 2: Non-zero status code returned while running MatMul node"), (failed.Status, failed.Reason));
        Assert.Equal([(RepetitionPhase.Warmup, 1), (RepetitionPhase.Measured, 1)], failed.Repetitions.Select(r => (r.Phase, r.Iteration)));
        Assert.Null(failed.Metrics);
        Assert.Equal(3, engine.Runs.Count(run => run.Point.BatchSize == 1)); // no measured repetition 3 after the failure
        Assert.Equal((2, ResultStatus.Ok), (rows[1].BatchSize, rows[1].Status));
    }

    [Fact]
    public void Cancelling_keeps_the_repetitions_already_measured_and_stops_the_sweep()
    {
        var engine = new FakeEngine();
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(sample =>
        {
            if (sample.Phase == RepetitionPhase.Measured)
                cancellation.Cancel();
        });

        var rows = Sweep(engine, Plan(batch: [1, 2], reps: 3), [Target("a"), Target("b")], cancellation.Token, progress);

        var row = Assert.Single(rows);
        Assert.Equal((ResultStatus.Ok, "run cancelled after 1 of 3 measured repetitions"), (row.Status, row.Reason));
        Assert.Equal(1, row.Metrics!.TimeToFirstTokenMilliseconds.Count);
        Assert.Equal(new RepetitionStop(RepetitionStopReason.Cancelled, 1, null, null, null), row.RepetitionStop);
        Assert.Equal(2, engine.Runs.Count);
        Assert.Equal(1, engine.Disposals);
    }
}
