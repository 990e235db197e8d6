using InferBench.Results;
using InferBench.Telemetry;

namespace InferBench.Runner;

/// <summary>
/// What a session records in its store, the same for a static-batch run and a serving run: the run as it starts, each
/// save of it (kept as the last good save), the run as it ends, and after a failed save the last good save marked incomplete.
/// </summary>
internal sealed class RunRecorder(IRunStore store, Action<string> note)
{
    private RunResult? _lastGood;
    private RunResult? _unsaved;

    /// <summary>The run as last saved; before the first save, the run as it started.</summary>
    public RunResult LastGood => _lastGood ?? throw new InvalidOperationException($"{nameof(Started)} comes first");

    /// <summary>The run as it starts, in progress and without results; the last good save until a save succeeds.</summary>
    public RunResult Started(RunOutputSettings output, RunPlanRecord plan, HostFacts host, PowerSetup? power, CostSetup cost) => _lastGood = new()
    {
        RunId = store.RunId,
        StartedUtc = output.StartedUtc,
        CommandLine = output.CommandLine,
        Plan = plan,
        Host = host,
        Software = SoftwareVersionsProbe.Read(),
        Power = power,
        Cost = cost,
        Shard = output.Shard,
        State = RunState.InProgress,
    };

    /// <summary>The run as it ends: complete, or cancelled when a signal stopped it.</summary>
    public static RunResult Finished(RunResult run, bool cancelled) => run with
    {
        FinishedUtc = DateTimeOffset.UtcNow,
        Cancelled = cancelled,
        State = cancelled ? RunState.Cancelled : RunState.Complete,
    };

    /// <summary>Writes <paramref name="next"/> whole and keeps it as the last good save.</summary>
    /// <exception cref="RunSaveException">The run folder could not be written.</exception>
    public void Save(RunResult next)
    {
        try
        {
            store.WriteAll(next);
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            _unsaved = next;
            throw new RunSaveException(store.FullPath, e);
        }
        _lastGood = next;
    }

    /// <summary>
    /// A save failed: the run stops, its files keep the last good save, and run.json is marked incomplete. When even
    /// that cannot be written, run.json keeps saying in-progress, which report and compare also show as partial.
    /// </summary>
    public RunOutcome StopIncomplete(RunSaveException failure, bool cancelled)
    {
        note($"inferbench: {failure.Message}");
        var lastGood = LastGood;
        var marked = lastGood with { State = RunState.Incomplete, FinishedUtc = DateTimeOffset.UtcNow };
        var location = store.FullPath;
        var saved = lastGood.Serving is { } points ? $"{points.Count} load points" : $"{lastGood.Results.Count} rows";
        try
        {
            store.WriteRunJson(marked);
            note($"The run stopped; {location} holds the last good save ({saved}), marked incomplete.");
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            note($"The run stopped; {location} holds the last good save ({saved}), "
                + $"but it could not be marked incomplete either ({e.Message}): its run.json still says in-progress, which also reads as partial.");
            return new RunOutcome(lastGood, cancelled, SaveFailed: true) { Unsaved = _unsaved };
        }
        try
        {
            store.WriteReports(marked);
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            note($"The reports were not rewritten ({e.Message}); `inferbench report {location}` renders them once there is room.");
        }
        return new RunOutcome(marked, cancelled, SaveFailed: true) { Unsaved = _unsaved };
    }
}
