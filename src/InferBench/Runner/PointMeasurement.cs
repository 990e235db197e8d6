using System.Diagnostics;
using InferBench.Engines;
using InferBench.Models;
using InferBench.Results;
using InferBench.Statistics;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Runner;

/// <summary>
/// One plan point on a loaded model, measured into its row: the warmup then the measured repetitions (the plan's count, or
/// until <c>--reps auto</c> stops), on NVML runs the steady-state warmup and each GPU's state, the point's energy window,
/// and the row's metrics. A repetition that fails ends the point; the row says why.
/// </summary>
internal sealed class PointMeasurement(
    RunPlanRecord plan, IRunProgress progress, SweepEnergy? energy, BenchmarkTarget target, GenAiModelInfo info, PlanPoint point, int[] prompt)
{
    private const int MaximumEnergyOnlyGenerations = 10_000;

    private readonly AutoRepetitionStopper? _stopper = plan.AutoRepetitions is { } auto ? new AutoRepetitionStopper(auto) : null;
    private readonly int _mostMeasured = MostMeasured(plan);
    private readonly List<RepetitionSample> _samples = new(plan.WarmupRepetitions + MostMeasured(plan));
    private readonly List<double> _decodeRates = new(MostMeasured(plan));
    private RepetitionStopReason _stopReason = RepetitionStopReason.Planned;
    private PowerWindow? _generationWindow;
    private long _measuredStart;
    private GpuPointState? _gpu;

    /// <param name="row">The point's row before it runs: its target, point and load facts.</param>
    /// <param name="loadJoules">The energy of loading the model, where measured.</param>
    /// <returns>The point's row, and the failure that ended the point where one did.</returns>
    public (ScenarioResult Row, Exception? Failure) Run(ScenarioResult row, IRepetitionRunner repetitions, double? loadJoules, CancellationToken cancellation)
    {
        progress.PointStarted(target, point, plan.WarmupRepetitions + _mostMeasured);
        ProcessMemory.TryResetPeak();
        if (Repeat(repetitions, cancellation) is { } failure)
        {
            var (status, reason) = FailureReasons.Classify(failure.Exception, failure.Step, info);
            return (row with { Status = status, Reason = reason, Repetitions = _samples, Gpu = WithEnd(_gpu) }, failure.Exception);
        }

        var generation = _generationWindow?.End();
        row = row with
        {
            PeakMemoryBytes = ProcessMemory.PeakResidentBytes(),
            Repetitions = _samples,
            Gpu = WithEnd(_gpu),
        };
        var measured = _samples.Where(s => s.Phase == RepetitionPhase.Measured).ToArray();
        return (measured.Length == 0
            ? row with { Status = ResultStatus.Skipped, Reason = "run cancelled before a measured repetition" }
            : Measured(row, measured, generation, repetitions, loadJoules, cancellation), null);
    }

    /// <summary>The most measured repetitions the point can have: the plan's count, or <c>--reps auto</c>'s maximum.</summary>
    private static int MostMeasured(RunPlanRecord plan) => plan.AutoRepetitions?.MaxRepetitions ?? plan.MeasuredRepetitions;

    /// <summary>
    /// The repetitions, warmup then measured, until the plan's count, <c>--reps auto</c>'s stop or cancellation; the
    /// failure and the step it happened in where one fails (the generation window then ended).
    /// </summary>
    private (Exception Exception, string Step)? Repeat(IRepetitionRunner repetitions, CancellationToken cancellation)
    {
        foreach (var phase in Enumerable.Repeat(RepetitionPhase.Warmup, plan.WarmupRepetitions)
                     .Concat(Enumerable.Repeat(RepetitionPhase.Measured, _mostMeasured)))
        {
            if (cancellation.IsCancellationRequested)
            {
                _stopReason = RepetitionStopReason.Cancelled;
                return null;
            }
            var iteration = _samples.Count(s => s.Phase == phase) + 1;
            var repetition = $"{JsonEnumName.Of(phase)} repetition {iteration}";
            var step = repetition;
            try
            {
                if (phase == RepetitionPhase.Measured && iteration == 1)
                {
                    step = "the steady-state warmup";
                    BeginMeasuring(repetitions, cancellation);
                    step = repetition;
                }
                _samples.Add(repetitions.Run(prompt, phase, iteration));
            }
            catch (Exception e) when (e is EngineException or InvalidOperationException)
            {
                _generationWindow?.End();
                return (e, step);
            }
            progress.RepetitionFinished(_samples[^1]);
            if (phase == RepetitionPhase.Measured && StopsAfter(_samples[^1]))
                return null;
        }
        return null;
    }

    /// <summary>Before the first measured repetition: on NVML runs the steady-state warmup and each GPU's state; then the generation window and clock start.</summary>
    private void BeginMeasuring(IRepetitionRunner repetitions, CancellationToken cancellation)
    {
        _gpu = GpuBeforeMeasuring(repetitions, cancellation);
        _generationWindow = energy?.Meter.BeginWindow(PowerPhase.Generation);
        _measuredStart = Stopwatch.GetTimestamp();
    }

    /// <summary>Records a measured repetition's decode rate; true where <c>--reps auto</c> stops after it.</summary>
    private bool StopsAfter(RepetitionSample measured)
    {
        _decodeRates.Add(RepetitionRates.DecodeTokensPerSecond(point.BatchSize, measured));
        if (_stopper?.Decide(_decodeRates, Stopwatch.GetElapsedTime(_measuredStart).TotalSeconds) is not { } decided)
            return false;
        _stopReason = decided;
        return true;
    }

    /// <summary>The row of a point with measured repetitions: its metrics, energy, and why it stopped.</summary>
    private ScenarioResult Measured(
        ScenarioResult row, RepetitionSample[] measured, PowerWindowResult? generation, IRepetitionRunner repetitions, double? loadJoules,
        CancellationToken cancellation) => row with
    {
        Metrics = ScenarioMetricsCalculator.From(_samples, point.BatchSize, point.PromptTokens),
        Energy = generation is null ? null : Energy(generation, measured, repetitions, loadJoules, cancellation),
        Reason = _stopReason == RepetitionStopReason.Cancelled
            ? $"run cancelled after {measured.Length} of {(_stopper is null ? "" : "at most ")}{_mostMeasured} measured repetitions"
            : null,
        RepetitionStop = AutoRepetitionStopper.Record(_stopReason, _decodeRates, plan.AutoRepetitions?.TargetHalfWidthPercent),
    };

    /// <summary>
    /// The point's energy. When its measured generations were too short for the power source, the generation is
    /// repeated inside one longer window (those repetitions are not timed) rather than reporting zero joules.
    /// </summary>
    private ScenarioEnergy Energy(
        PowerWindowResult generation, RepetitionSample[] measured, IRepetitionRunner repetitions, double? loadJoules, CancellationToken cancellation)
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
                repetitions.Run(prompt, RepetitionPhase.Warmup, ++generations);
            generation = window.End();
            note = $"the {measured.Length} measured repetitions were too short to measure, so the window repeats the generation {generations} times (untimed)";
        }
        return ScenarioEnergyCalculator.From(
            generation, generations, measured, point.BatchSize, point.PromptTokens, point.GenTokens,
            energy!.IdleBefore, loadJoules, energy.DeviceStates(), note);
    }

    /// <summary>
    /// On NVML runs, the steady-state warmup (repeating the warmup generation untimed) and each GPU's state just before
    /// the first measured repetition; null on other runs, whose CPU state is not recorded per point.
    /// </summary>
    private GpuPointState? GpuBeforeMeasuring(IRepetitionRunner repetitions, CancellationToken cancellation)
    {
        if (energy?.Meter.Selection.Opened != PowerSourceChoice.Nvml)
            return null;
        var generations = 0;
        var steadyState = plan.SteadyState is { MaxSeconds: > 0 } steady
            ? SteadyStateWarmup.Run(energy.Meter, steady, energy.MinimumWindow,
                () => repetitions.Run(prompt, RepetitionPhase.Warmup, ++generations), cancellation)
            : null;
        return new GpuPointState(steadyState, energy.DeviceStates(), []);
    }

    /// <summary>The GPU state with each GPU's state now, after the last measured repetition (or the one that failed).</summary>
    private GpuPointState? WithEnd(GpuPointState? gpu) => gpu is null ? null : gpu with { AtEnd = energy!.DeviceStates() };
}
