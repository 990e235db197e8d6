using System.Diagnostics;
using InferBench.Engines;
using InferBench.Models;
using InferBench.Results;
using InferBench.Statistics;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>
/// Runs every target over every plan point, in as many rounds as the plan asks (even rounds in reverse target order). A target that cannot run becomes rows with a status and a
/// reason, and the sweep goes on; each finished row is handed to <c>rowFinished</c> at once so it can be saved.
/// With <c>energy</c>, loading and the measured generations of each point are also measured in joules.
/// Each row records the provider it ran on (<see cref="ExecutionProviderChoice"/>); <c>runnableProviders</c> are those this
/// build and host can run (default: the CPU only), which <c>--ep auto</c> picks from. Models load and run through <c>engine</c>.
/// </summary>
public sealed class SweepRunner(
    RunPlanRecord plan, IInferenceEngine engine, IRunProgress progress, Action<ScenarioResult> rowFinished, SweepEnergy? energy = null,
    IReadOnlyCollection<ExecutionProvider>? runnableProviders = null)
{
    private readonly IReadOnlyList<PlanPoint> _points = RunPlanPoints.Expand(plan);
    private readonly IReadOnlyCollection<ExecutionProvider> _runnable = runnableProviders ?? [ExecutionProvider.Cpu];

    /// <summary>The round being swept, from 1; rows record it.</summary>
    private int _round = 1;

    /// <summary>Sweeps the targets <see cref="RunPlanRecord.Rounds"/> times, even rounds in reverse order.</summary>
    public void Run(IReadOnlyList<BenchmarkTarget> targets, CancellationToken cancellation)
    {
        for (_round = 1; _round <= plan.Rounds; _round++)
        {
            foreach (var target in _round % 2 == 0 ? targets.Reverse() : targets)
            {
                if (cancellation.IsCancellationRequested)
                    return;
                progress.TargetStarted(target, plan.AutoBatch is { CudaOnly: false } auto ? Workloads().Count * Doublings(auto) : _points.Count,
                    atMost: plan.AutoBatch is { CudaOnly: false });
                RunTarget(target, cancellation);
            }
        }
    }

    /// <summary>
    /// One target over its points: rows that say why where it cannot run; else its folder prepared and read, its provider
    /// settled, the points that fit its context, the model loaded through the engine, and each point measured.
    /// </summary>
    private void RunTarget(BenchmarkTarget target, CancellationToken cancellation)
    {
        var resolved = ExecutionProviderChoice.Resolve(plan.ExecutionProvider, target.ExecutionProviders, _runnable);
        // Rows written before the provider is known (--ep auto before genai_config.json is read) record what was asked.
        var asked = target with { ExecutionProvider = resolved ?? plan.ExecutionProvider };
        // Rows for a variant that never runs: one per workload where its batch would have been doubled from 1.
        var planned = AutoBatchOn(resolved) is null ? _points : Workloads();
        if (TargetPreparation.Prepare(asked, resolved, refusal => EmitAll(asked, planned, refusal), cancellation) is not { } prepared)
            return;

        target = prepared.Target;
        var executionProvider = target.ExecutionProvider!.Value;
        var points = PointsToRun(target, prepared.Info, AutoBatchOn(executionProvider));
        if (points.Count == 0 || Load(target, executionProvider, prepared.Info, points) is not { } loaded)
            return;
        using (loaded.Model)
            MeasurePoints(target, prepared.Info, loaded, points, prepared.Note, cancellation);
    }

    /// <summary>The plan's points, or each workload at batch 1 where the batch doubles; with random-token prompts, those that fit the context.</summary>
    private IReadOnlyList<PlanPoint> PointsToRun(BenchmarkTarget target, GenAiModelInfo info, AutoBatch? autoBatch)
    {
        var points = autoBatch is null ? _points : Workloads();
        return plan.PromptText is null ? WithinContext(target, info, points) : points;
    }

    /// <summary>The model loaded through the engine, timed and (with energy) metered; null, after its rows, where the engine cannot load it.</summary>
    private LoadedModel? Load(BenchmarkTarget target, ExecutionProvider executionProvider, GenAiModelInfo info, IReadOnlyList<PlanPoint> points)
    {
        var loadWindow = energy?.Meter.BeginWindow(PowerPhase.Load);
        var loadStart = Stopwatch.GetTimestamp();
        IEngineModel model;
        try
        {
            model = engine.Load(target.FolderPath, executionProvider, plan.IntraOpThreads, plan.ProviderOptions);
        }
        catch (EngineException e)
        {
            loadWindow?.End();
            var (status, reason) = FailureReasons.Classify(e, "loading the model", info);
            EmitAll(target, points, status, reason);
            return null;
        }
        var loadSeconds = Stopwatch.GetElapsedTime(loadStart).TotalSeconds;
        return new LoadedModel(model, loadSeconds, ProcessMemory.ResidentBytes(), loadWindow?.End().Energy?.Joules);
    }

    /// <summary>
    /// Each point on the loaded model with the run's prompts (a text prompt's length replaces the plan's), until cancelled;
    /// where the batch doubles, each workload from batch 1.
    /// </summary>
    private void MeasurePoints(
        BenchmarkTarget target, GenAiModelInfo info, LoadedModel loaded, IReadOnlyList<PlanPoint> points, string? note, CancellationToken cancellation)
    {
        var prompts = PromptSource.Create(plan, loaded.Model, info);
        if (prompts.UnsupportedReason is { } promptProblem)
        {
            EmitAll(target, points, ResultStatus.Unsupported, promptProblem);
            return;
        }
        if (prompts.FixedPromptTokens is { } fixedLength)
            points = WithinContext(target, info, points.Select(p => p with { PromptTokens = fixedLength }).Distinct().ToArray());

        var otherHardware = energy?.OtherHardwareThan(target.ExecutionProvider!.Value);
        (ScenarioResult Row, Exception? Failure) Measure(PlanPoint point)
        {
            var measurement = new PointMeasurement(plan, progress, energy, target, info, point, prompts.For(point));
            var row = Row(target, point, ResultStatus.Ok, null) with
            {
                LoadSeconds = loaded.Seconds,
                ResidentMemoryAfterLoadBytes = loaded.ResidentBytes,
            };
            // Per-repetition prefill and decode windows only where the meter measures this row's hardware: other rows' energy
            // is dropped (WithoutEnergy), though their generation window still records how long the point ran.
            var repetitions = loaded.Model.RepetitionRunner(point, otherHardware is null ? energy?.Meter : null);
            (row, var failure) = measurement.Run(row, repetitions, loaded.Joules, cancellation);
            return (Judged(WithNote(otherHardware is null ? row : WithoutEnergy(row, otherHardware), note)), failure);
        }
        var autoBatch = AutoBatchOn(target.ExecutionProvider);
        foreach (var point in points)
        {
            if (cancellation.IsCancellationRequested)
                return;
            if (autoBatch is null)
                Emit(Measure(point).Row);
            else
                DoubleBatch(point, autoBatch, Measure, cancellation);
        }
    }

    /// <summary>
    /// <c>--batch auto</c> over one workload: batch 1, 2, 4, ... until a row says to stop (<see cref="BatchDoublingRule"/>, out of
    /// memory, the runtime's refusal, a failure); that row records why.
    /// </summary>
    private void DoubleBatch(
        PlanPoint workload, AutoBatch autoBatch, Func<PlanPoint, (ScenarioResult Row, Exception? Failure)> measure, CancellationToken cancellation)
    {
        var rates = new List<(int Batch, double DecodeTokensPerSecond)>();
        for (var batch = 1; !cancellation.IsCancellationRequested; batch *= 2)
        {
            var point = workload with { BatchSize = batch };
            var (row, failure) = measure(point);
            // A point cut short by Ctrl-C says nothing about the next batch: the row is kept and the sweep ends without a stop.
            if (row.Status == ResultStatus.Skipped || row.RepetitionStop?.Reason == RepetitionStopReason.Cancelled)
            {
                Emit(row);
                return;
            }
            BatchStop? stop;
            if (failure is not null)
            {
                stop = FailureReasons.BatchStopOf(row, failure);
            }
            else
            {
                // A point that ran to its end without a failure has its measured repetitions' metrics.
                rates.Add((batch, row.Metrics!.DecodeTokensPerSecond.Median));
                stop = BatchDoublingRule.Decide(autoBatch, rates, row.Targets) ?? SizeLimit(point);
            }
            Emit(row with { BatchStop = stop });
            if (stop is not null)
                return;
        }
    }

    /// <summary>A stop when twice this batch would not fit 32-bit sizes.</summary>
    private static BatchStop? SizeLimit(PlanPoint point) => 2L * point.BatchSize * point.TotalTokensPerSequence > RunPlanPoints.MaxTokensPerBatch
        ? new BatchStop(BatchStopReason.SizeLimit,
            $"batch {2L * point.BatchSize} x {point.TotalTokensPerSequence} tokens would pass {RunPlanPoints.MaxTokensPerBatch} tokens (32-bit sizes)")
        : null;

    /// <summary>The batch-doubling plan where rows on <paramref name="provider"/> double their batch; null where they run the batch list.</summary>
    private AutoBatch? AutoBatchOn(ExecutionProvider? provider) =>
        plan.AutoBatch is { } auto && (!auto.CudaOnly || provider == ExecutionProvider.Cuda) ? auto : null;

    /// <summary>Each prompt x gen workload once, at batch 1, where a batch-doubling sweep starts.</summary>
    private IReadOnlyList<PlanPoint> Workloads() =>
        (from prompt in plan.PromptTokens from gen in plan.GenTokens select new PlanPoint(1, prompt, gen)).ToArray();

    /// <summary>Batches 1, 2, 4, ... up to the maximum: the most rows one workload's doubling can give.</summary>
    private static int Doublings(AutoBatch auto) => (int)Math.Floor(Math.Log2(auto.MaxBatchSize)) + 1;

    /// <summary>The row with its latency verdict, where the run has targets and the row was measured.</summary>
    private ScenarioResult Judged(ScenarioResult row) =>
        row.Metrics is { } metrics ? row with { Targets = LatencyTargetJudge.Judge(metrics, plan.LatencyTargets) } : row;

    /// <summary>A variant's standing note (such as fp16 running through casts on the CPU) on each of its measured rows.</summary>
    private static ScenarioResult WithNote(ScenarioResult row, string? note) =>
        note is null || row.Status != ResultStatus.Ok ? row : row with { Reason = row.Reason is null ? note : $"{note}; {row.Reason}" };

    /// <summary>Points that fit the model's context; the others become unsupported rows before anything loads.</summary>
    private IReadOnlyList<PlanPoint> WithinContext(BenchmarkTarget target, GenAiModelInfo info, IReadOnlyList<PlanPoint> points)
    {
        foreach (var point in points.Where(p => p.TotalTokensPerSequence > info.ContextLength))
            Emit(Row(target, point, ResultStatus.Unsupported,
                $"prompt {point.PromptTokens} + gen {point.GenTokens} tokens = {point.TotalTokensPerSequence} " +
                $"exceeds the model's context_length {info.ContextLength} ({GenAiModelFolder.ConfigFileName})"));
        return points.Where(p => p.TotalTokensPerSequence <= info.ContextLength).ToArray();
    }

    private void EmitAll(BenchmarkTarget target, IEnumerable<PlanPoint> points, ResultStatus status, string reason)
    {
        foreach (var point in points)
            Emit(Row(target, point, status, reason));
    }

    private void EmitAll(BenchmarkTarget target, IEnumerable<PlanPoint> points, TargetRefusal refusal)
    {
        foreach (var point in points)
            Emit(Row(target, point, refusal.Status, refusal.Reason) is var row && refusal.ExecutionProvider is { } provider
                ? row with { ExecutionProvider = provider }
                : row);
    }

    /// <summary>The row with no energy figure, and why: what was measured is another device's energy, not this row's.</summary>
    private static ScenarioResult WithoutEnergy(ScenarioResult row, string reason) => row with
    {
        Energy = row.Energy?.AsUnavailable(reason),
        Repetitions = row.Repetitions.Select(r => r with { PrefillEnergy = null, DecodeEnergy = null }).ToArray(),
    };

    private void Emit(ScenarioResult row)
    {
        rowFinished(row);
        progress.RowFinished(row);
    }

    private ScenarioResult Row(BenchmarkTarget target, PlanPoint point, ResultStatus status, string? reason) => new()
    {
        Model = target.Model,
        Variant = target.Variant,
        Precision = target.Precision,
        ExecutionProvider = JsonEnumName.Of(target.ExecutionProvider ?? plan.ExecutionProvider),
        ModelPath = target.FolderPath,
        BatchSize = point.BatchSize,
        PromptTokens = point.PromptTokens,
        GenTokens = point.GenTokens,
        Status = status,
        Reason = reason,
        Round = _round,
    };
}
