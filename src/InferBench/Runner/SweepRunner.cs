using System.Diagnostics;
using InferBench.Models;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Statistics;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Runner;

/// <summary>
/// Runs every target over every plan point, in as many rounds as the plan asks (even rounds in reverse target order). A target that cannot run becomes rows with a status and a
/// reason, and the sweep goes on; each finished row is handed to <c>rowFinished</c> at once so it can be saved.
/// With <c>energy</c>, loading and the measured generations of each point are also measured in joules.
/// Each row records the provider it ran on (<see cref="ExecutionProviderChoice"/>); <c>runnableProviders</c> are those this
/// build and host can run (default: the CPU only), which <c>--ep auto</c> picks from.
/// </summary>
public sealed class SweepRunner(
    RunPlanRecord plan, IRunProgress progress, Action<ScenarioResult> rowFinished, SweepEnergy? energy = null,
    IReadOnlyCollection<ExecutionProvider>? runnableProviders = null)
{
    private const int MaximumEnergyOnlyGenerations = 10_000;

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

    private void RunTarget(BenchmarkTarget target, CancellationToken cancellation)
    {
        // Rows written before the provider is known (--ep auto before genai_config.json is read) record what was asked.
        var resolved = ExecutionProviderChoice.Resolve(plan.ExecutionProvider, target.ExecutionProviders, _runnable);
        var early = target with { ExecutionProvider = resolved ?? plan.ExecutionProvider };
        // Rows for a variant that never runs: one per workload where its batch would have been doubled from 1.
        var plannedPoints = AutoBatchOn(resolved) is null ? _points : Workloads();
        if (target.UnavailableReason is { } unavailable)
        {
            EmitAll(early, plannedPoints, ResultStatus.Skipped, unavailable);
            return;
        }
        if (resolved is { } requested && target.ExecutionProviders.Count > 0 && !target.ExecutionProviders.Contains(requested))
        {
            EmitAll(early, plannedPoints, ResultStatus.Unsupported,
                $"variant is built for {string.Join(", ", target.ExecutionProviders.Select(JsonEnumName.Of))}; this run asks for {JsonEnumName.Of(requested)}");
            return;
        }

        GenAiModelInfo info;
        string? prepared;
        try
        {
            prepared = target.Prepare?.Invoke(cancellation);
            info = GenAiModelFolder.Inspect(target.FolderPath);
        }
        catch (Exception e) when (e is ModelFolderException or ModelPreparationException)
        {
            EmitAll(early, plannedPoints, (e as ModelPreparationException)?.Status ?? ResultStatus.Failed, e.Message);
            return;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return;
        }
        if ((resolved ?? ExecutionProviderChoice.FromConfiguration(info.ConfiguredProvider)) is not { } executionProvider)
        {
            // The rows record the provider the model asks for, though InferBench has no name of its own for it.
            foreach (var point in plannedPoints)
                Emit(Row(early, point, ResultStatus.Unsupported,
                    $"{GenAiModelFolder.ConfigFileName} asks for the {info.ConfiguredProvider} provider, which InferBench does not run; "
                    + "it can run the model on the cpu provider instead") with { ExecutionProvider = info.ConfiguredProvider! });
            return;
        }
        target = target with { ExecutionProvider = executionProvider };
        var note = Join(Join(prepared, target.Note), Join(
            ExecutionProviderChoice.ConfigurationNote(info.ConfiguredProvider, executionProvider),
            QuantizationStamp.TryRead(target.FolderPath)?.ExecutionNote(executionProvider)));

        var autoBatch = AutoBatchOn(executionProvider);
        var allPoints = autoBatch is null ? _points : Workloads();
        var points = plan.PromptText is null ? WithinContext(target, info, allPoints) : allPoints;
        if (points.Count == 0)
            return;

        Model model;
        var loadWindow = energy?.Meter.BeginWindow(PowerPhase.Load);
        var loadStart = Stopwatch.GetTimestamp();
        try
        {
            model = GenAiModelLoader.Load(target.FolderPath, executionProvider, plan.IntraOpThreads, plan.ProviderOptions);
        }
        catch (Exception e) when (e is OnnxRuntimeGenAIException)
        {
            loadWindow?.End();
            var (status, reason) = FailureReasons.Classify(e, "loading the model", info);
            EmitAll(target, points, status, reason);
            return;
        }

        using (model)
        {
            var loadSeconds = Stopwatch.GetElapsedTime(loadStart).TotalSeconds;
            var loaded = new LoadFacts(loadSeconds, ProcessMemory.ResidentBytes(), loadWindow?.End().Energy?.Joules);
            var prompts = PromptSource.Create(plan, model, info);
            if (prompts.UnsupportedReason is { } promptProblem)
            {
                EmitAll(target, points, ResultStatus.Unsupported, promptProblem);
                return;
            }
            if (prompts.FixedPromptTokens is { } fixedLength)
                points = WithinContext(target, info, points.Select(p => p with { PromptTokens = fixedLength }).Distinct().ToArray());

            var otherHardware = energy?.OtherHardwareThan(executionProvider);
            ScenarioResult Measure(PlanPoint point)
            {
                var row = RunPoint(target, info, model, loaded, point, prompts.For(point), measuresRowEnergy: otherHardware is null, cancellation);
                return Judged(WithNote(otherHardware is null ? row : WithoutEnergy(row, otherHardware), note));
            }
            foreach (var point in points)
            {
                if (cancellation.IsCancellationRequested)
                    return;
                if (autoBatch is null)
                    Emit(Measure(point));
                else
                    DoubleBatch(point, autoBatch, Measure, cancellation);
            }
        }
    }

    /// <summary>
    /// <c>--batch auto</c> over one workload: batch 1, 2, 4, ... until a row says to stop (<see cref="BatchDoublingRule"/>, out of
    /// memory, the runtime's refusal, a failure); that row records why.
    /// </summary>
    private void DoubleBatch(PlanPoint workload, AutoBatch autoBatch, Func<PlanPoint, ScenarioResult> measure, CancellationToken cancellation)
    {
        var rates = new List<(int Batch, double DecodeTokensPerSecond)>();
        for (var batch = 1; !cancellation.IsCancellationRequested; batch *= 2)
        {
            var point = workload with { BatchSize = batch };
            var row = measure(point);
            // A point cut short by Ctrl-C says nothing about the next batch: the row is kept and the sweep ends without a stop.
            if (row.Status == ResultStatus.Skipped || row.RepetitionStop?.Reason == RepetitionStopReason.Cancelled)
            {
                Emit(row);
                return;
            }
            BatchStop? stop;
            if (row.Status == ResultStatus.Ok && row.Metrics is { } metrics)
            {
                rates.Add((batch, metrics.DecodeTokensPerSecond.Median));
                stop = BatchDoublingRule.Decide(autoBatch, rates, row.Targets) ?? SizeLimit(point);
            }
            else
            {
                stop = FailureReasons.BatchStopOf(row);
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

    private ScenarioResult RunPoint(
        BenchmarkTarget target, GenAiModelInfo info, Model model, LoadFacts loaded, PlanPoint point, int[] prompt, bool measuresRowEnergy,
        CancellationToken cancellation)
    {
        var row = Row(target, point, ResultStatus.Ok, null) with
        {
            LoadSeconds = loaded.Seconds,
            ResidentMemoryAfterLoadBytes = loaded.ResidentBytes,
        };
        var stopper = plan.AutoRepetitions is { } auto ? new AutoRepetitionStopper(auto) : null;
        var mostMeasured = plan.AutoRepetitions?.MaxRepetitions ?? plan.MeasuredRepetitions;
        progress.PointStarted(target, point, plan.WarmupRepetitions + mostMeasured);
        ProcessMemory.TryResetPeak();
        var samples = new List<RepetitionSample>(plan.WarmupRepetitions + mostMeasured);
        var decodeRates = new List<double>(mostMeasured);
        // Per-repetition prefill and decode windows only where the meter measures this row's hardware: other rows' energy
        // is dropped (WithoutEnergy), though their generation window still records how long the point ran.
        var repetitionRunner = new RepetitionRunner(model, point, measuresRowEnergy ? energy?.Meter : null);
        PowerWindow? generationWindow = null;
        long measuredStart = 0;
        var stopReason = RepetitionStopReason.Planned;
        GpuPointState? gpu = null;
        foreach (var phase in Enumerable.Repeat(RepetitionPhase.Warmup, plan.WarmupRepetitions)
                     .Concat(Enumerable.Repeat(RepetitionPhase.Measured, mostMeasured)))
        {
            if (cancellation.IsCancellationRequested)
            {
                stopReason = RepetitionStopReason.Cancelled;
                break;
            }
            var iteration = samples.Count(s => s.Phase == phase) + 1;
            var repetition = $"{JsonEnumName.Of(phase)} repetition {iteration}";
            var step = repetition;
            try
            {
                if (phase == RepetitionPhase.Measured && iteration == 1)
                {
                    step = "the steady-state warmup";
                    gpu = GpuBeforeMeasuring(repetitionRunner, prompt, cancellation);
                    step = repetition;
                    generationWindow = energy?.Meter.BeginWindow(PowerPhase.Generation);
                    measuredStart = Stopwatch.GetTimestamp();
                }
                samples.Add(repetitionRunner.Run(prompt, phase, iteration));
            }
            catch (Exception e) when (e is OnnxRuntimeGenAIException or InvalidOperationException)
            {
                generationWindow?.End();
                var (status, reason) = FailureReasons.Classify(e, step, info);
                return row with { Status = status, Reason = reason, Repetitions = samples, Gpu = WithEnd(gpu) };
            }
            progress.RepetitionFinished(samples[^1]);
            if (phase != RepetitionPhase.Measured)
                continue;
            decodeRates.Add(RepetitionRates.DecodeTokensPerSecond(point.BatchSize, samples[^1]));
            if (stopper?.Decide(decodeRates, Stopwatch.GetElapsedTime(measuredStart).TotalSeconds) is { } decided)
            {
                stopReason = decided;
                break;
            }
        }

        var generation = generationWindow?.End();
        row = row with
        {
            PeakMemoryBytes = ProcessMemory.PeakResidentBytes(),
            Repetitions = samples,
            Gpu = WithEnd(gpu),
        };
        var measured = samples.Where(s => s.Phase == RepetitionPhase.Measured).ToArray();
        if (measured.Length == 0)
            return row with { Status = ResultStatus.Skipped, Reason = "run cancelled before a measured repetition" };
        return row with
        {
            Metrics = ScenarioMetricsCalculator.From(samples, point.BatchSize, point.PromptTokens),
            Energy = generation is null ? null : Energy(generation, measured, repetitionRunner, prompt, point, loaded, cancellation),
            Reason = stopReason == RepetitionStopReason.Cancelled
                ? $"run cancelled after {measured.Length} of {(stopper is null ? "" : "at most ")}{mostMeasured} measured repetitions"
                : null,
            RepetitionStop = AutoRepetitionStopper.Record(stopReason, decodeRates, plan.AutoRepetitions?.TargetHalfWidthPercent),
        };
    }

    /// <summary>
    /// The point's energy. When its measured generations were too short for the power source, the generation is
    /// repeated inside one longer window (those repetitions are not timed) rather than reporting zero joules.
    /// </summary>
    private ScenarioEnergy Energy(
        PowerWindowResult generation, RepetitionSample[] measured, RepetitionRunner repetitionRunner, int[] prompt,
        PlanPoint point, LoadFacts loaded, CancellationToken cancellation)
    {
        var generations = measured.Length;
        string? note = null;
        if (generation.Status == PowerWindowStatus.TooShort && !cancellation.IsCancellationRequested)
        {
            var minimum = energy!.MinimumWindow;
            var window = energy.Meter.BeginWindow(PowerPhase.Generation);
            var start = Stopwatch.GetTimestamp();
            generations = 0;
            while ((Stopwatch.GetElapsedTime(start) < minimum || generations == 0)
                   && generations < MaximumEnergyOnlyGenerations && !cancellation.IsCancellationRequested)
                repetitionRunner.Run(prompt, RepetitionPhase.Warmup, ++generations);
            generation = window.End();
            note = $"the {measured.Length} measured repetitions were too short to measure, so the window repeats the generation {generations} times (untimed)";
        }
        return ScenarioEnergyCalculator.From(
            generation, generations, measured, point.BatchSize, point.PromptTokens, point.GenTokens,
            energy!.IdleBefore, loaded.Joules, DeviceStates(), note);
    }

    /// <summary>
    /// On NVML runs, the steady-state warmup (repeating the warmup generation untimed) and each GPU's state just before
    /// the first measured repetition; null on other runs, whose CPU state is not recorded per point.
    /// </summary>
    private GpuPointState? GpuBeforeMeasuring(RepetitionRunner repetitionRunner, int[] prompt, CancellationToken cancellation)
    {
        if (energy?.Meter.Selection.Opened != PowerSourceChoice.Nvml)
            return null;
        var generations = 0;
        var steadyState = plan.SteadyState is { MaxSeconds: > 0 } steady
            ? SteadyStateWarmup.Run(energy.Meter, steady, energy.MinimumWindow,
                () => repetitionRunner.Run(prompt, RepetitionPhase.Warmup, ++generations), cancellation)
            : null;
        return new GpuPointState(steadyState, DeviceStates(), []);
    }

    /// <summary>The GPU state with each GPU's state now, after the last measured repetition (or the one that failed).</summary>
    private GpuPointState? WithEnd(GpuPointState? gpu) => gpu is null ? null : gpu with { AtEnd = DeviceStates() };

    private IReadOnlyList<DeviceState> DeviceStates() => energy!.Meter.Snapshot()
        .Select(d => new DeviceState(
            d.Device.Name,
            d.SmClockMegahertz,
            d.MemoryClockMegahertz,
            d.PowerLimit?.Watts,
            d.TemperatureCelsius,
            d.ThrottleReasons is { } reasons ? Names(reasons) : []))
        .ToArray();

    private static string[] Names(ThrottleReasons reasons) => Enum.GetValues<ThrottleReasons>()
        .Where(reason => reason != ThrottleReasons.None && reasons.HasFlag(reason))
        .Select(reason => reason.ToString())
        .ToArray();

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : $"{first}; {second}";

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

    private sealed record LoadFacts(double Seconds, long ResidentBytes, double? Joules);
}
