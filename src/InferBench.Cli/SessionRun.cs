using InferBench.Cli.Progress;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry.Power;

namespace InferBench.Cli;

/// <summary>Runs a checked session into its run folder with progress, then prints the summary: shared by <c>run</c> and <c>campaign run</c>.</summary>
public static class SessionRun
{
    /// <param name="json">Print only the run.json path on stdout.</param>
    /// <returns>The run's exit code (<see cref="ExitCodes.ForRun"/>).</returns>
    public static int Execute(RunConfiguration configuration, RunFolder folder, IReadOnlyList<BenchmarkTarget> targets, CliIo io, bool json,
        CancellationToken cancellation)
    {
        using var announce = new StopAnnouncement(io.Error, cancellation,
            "Stopping after the current repetition (an idle measurement stops at once); results so far are kept (signal again to abort).");
        using var session = BenchmarkSession.Start(configuration, folder, io.Error.WriteLine);
        WarnIfNoPower(io, configuration.Power.Source, session.PowerUnavailableReason);
        var outcome = session.Run(targets, sweep =>
        {
            if (io.Interactive && !json)
                SpectreRunProgress.Run(sweep);
            else
                sweep(new PlainRunProgress(io.Error));
        }, cancellation);
        if (outcome.SaveFailed)
        {
            UnsavedFigures.Write(io.Error, outcome);
            return ExitCodes.ForRun(outcome.Cancelled, saveFailed: true, outcome.Run.Results);
        }

        if (json)
            io.Out.WriteLine(folder.RunJsonPath);
        else
            RunSummary.Write(io, outcome.Run, folder);
        var exitCode = ExitCodes.ForRun(outcome.Cancelled, saveFailed: false, outcome.Run.Results);
        if (exitCode == ExitCodes.NothingMeasured)
            io.Error.WriteLine($"inferbench: nothing was measured: {NothingMeasuredReason(outcome.Run.Results)} (exit code {ExitCodes.NothingMeasured})");
        return exitCode;
    }

    /// <summary>Warns on stderr that the run's energy figures are unavailable, where the power source it asked for could not be opened.</summary>
    /// <param name="unavailable">Why the source could not be opened; null: it was (or none was asked for), and nothing is said.</param>
    public static void WarnIfNoPower(CliIo io, PowerSourceChoice source, string? unavailable)
    {
        if (unavailable is not null)
            io.Error.WriteLine($"inferbench: warning: no power source could be opened (--power {JsonEnumName.Of(source)}), " +
                               $"so this run's energy figures are unavailable: {unavailable}");
    }

    private static string NothingMeasuredReason(IReadOnlyList<ScenarioResult> results) => results.Count == 0
        ? "no variant to run (0 rows)"
        : $"every row is unsupported or skipped; first reason: {results[0].Reason}";
}
