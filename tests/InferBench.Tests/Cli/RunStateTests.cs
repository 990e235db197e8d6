using System.Text.Json.Nodes;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>
/// A run cut off by SIGKILL or a second signal must be recognisable: run.json says in-progress from the start until the
/// run ends, and report and compare show such a run as partial.
/// </summary>
public sealed class RunStateTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A manifest whose one variant is absent: naming it gives one skipped row per plan point, no model needed.</summary>
    private string ManifestWithAbsentVariant()
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "v", "precision": "int4", "executionProviders": ["cpu"], "source": { "path": "not-here" } } ] } ] }
            """);
        return manifest;
    }

    private CliRun RunWith(Action<string, string> writeRunFile)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new CliIo(output, error, Interactive: false) { WriteRunFile = writeRunFile };
        var exitCode = InferBenchCli.Invoke(["run", "--manifest", ManifestWithAbsentVariant(), "--model", "m", "--prompt-tokens", "8,16,32",
            "--gen-tokens", "4", "--batch", "1", "--power", "none", "--fidelity", "false", "--out", _temp.Combine("results"), "--json"], io);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_json_says_in_progress_with_every_save_until_the_run_ends_complete()
    {
        var runJsonWrites = new List<string>();

        var run = RunWith((path, contents) =>
        {
            if (Path.GetFileName(path) == RunJson.FileName)
                runJsonWrites.Add(contents);
            AtomicFile.WriteAllText(path, contents);
        });

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode);
        var states = runJsonWrites.Select(json => RunJson.Deserialize(json, "run.json")).ToArray();
        Assert.Equal(5, states.Length); // at the start, after each of the 3 rows, at the end
        Assert.All(states[..^1], saved =>
        {
            Assert.Equal(RunState.InProgress, saved.State);
            Assert.Null(saved.FinishedUtc);
        });
        Assert.Empty(states[0].Results);
        Assert.Equal(RunState.Complete, states[^1].State);
        Assert.NotNull(states[^1].FinishedUtc);
        Assert.Contains("\"state\": \"in-progress\"", runJsonWrites[0], StringComparison.Ordinal);
        Assert.All(runJsonWrites, json => Assert.Empty(RunSchema.Errors(json)));
    }

    [Fact]
    public void A_run_json_written_before_the_state_field_existed_reads_as_complete()
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!.AsObject();
        json.Remove("state");

        var run = RunJson.Deserialize(json.ToJsonString(), "run.json");

        Assert.Equal(RunState.Complete, run.State);
        Assert.Null(RunCompleteness.PartialReason(run));
    }

    /// <summary>What a SIGKILL leaves: the last in-progress save, without an end time.</summary>
    private string KilledRunFolder(string runId, double decodeTokensPerSecond)
    {
        double[] rates = [.. new[] { 1.0, 1.01, 0.99, 1.005, 0.995 }.Select(factor => factor * decodeTokensPerSecond)];
        var run = CompareSamples.Run(runId, CompareSamples.Row("cpu-fp32", 1, rates)) with { State = RunState.InProgress, FinishedUtc = null };
        var folder = Directory.CreateDirectory(_temp.Combine(runId)).FullName;
        File.WriteAllText(Path.Combine(folder, RunJson.FileName), RunJson.Serialize(run));
        return folder;
    }

    [Fact]
    public void Report_of_a_killed_run_shows_a_partial_banner()
    {
        var folder = KilledRunFolder("killed", 100);

        var report = CliRun.Invoke("report", folder);

        Assert.Equal(ExitCodes.AllOk, report.ExitCode);
        Assert.Contains("Partial run: run.json still says in-progress", report.Error, StringComparison.Ordinal);
        Assert.Contains("> **Partial:** run.json still says in-progress", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
        Assert.Contains("<strong>Partial:</strong> run.json still says in-progress", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_warns_about_a_killed_run_and_still_compares()
    {
        var complete = KilledRunFolder("complete", 100);
        var completeJson = Path.Combine(complete, RunJson.FileName);
        File.WriteAllText(completeJson, RunJson.Serialize(RunJson.Deserialize(File.ReadAllText(completeJson), "run.json") with
        {
            State = RunState.Complete,
            FinishedUtc = DateTimeOffset.UnixEpoch,
        }));
        var killed = KilledRunFolder("killed", 150);

        var compare = CliRun.Invoke("compare", complete, killed);

        Assert.Equal(ExitCodes.AllOk, compare.ExitCode);
        Assert.Contains($"warning: {killed} is a partial run: run.json still says in-progress", compare.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(complete + " is a partial run", compare.Error, StringComparison.Ordinal);
        Assert.Contains("decode tok/s", compare.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_that_fills_during_the_run_exits_1_and_leaves_the_last_good_save_marked_incomplete()
    {
        var runJsonWrites = 0;

        var run = RunWith((path, contents) =>
        {
            // The start and the first row save; the second row's run.json finds the disk full, then the disk has room for the mark.
            if (Path.GetFileName(path) == RunJson.FileName && ++runJsonWrites == 3)
                throw new IOException("No space left on device");
            AtomicFile.WriteAllText(path, contents);
        });

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Contains("saving the results in", run.Error, StringComparison.Ordinal);
        Assert.Contains("No space left on device", run.Error, StringComparison.Ordinal);
        Assert.Contains("holds the last good save (1 rows), marked incomplete", run.Error, StringComparison.Ordinal);
        var folder = Assert.Single(Directory.GetDirectories(_temp.Combine("results")));
        var saved = RunFolder.Read(folder);
        Assert.Equal(RunState.Incomplete, saved.State);
        Assert.Single(saved.Results);
        Assert.Contains("> **Partial:** a save failed", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(folder, "results.csv")).Skip(1));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
    }

    [Fact]
    public void When_even_the_incomplete_mark_cannot_be_written_run_json_keeps_saying_in_progress_and_stderr_says_so()
    {
        var runJsonWrites = 0;

        var run = RunWith((path, contents) =>
        {
            if (Path.GetFileName(path) == RunJson.FileName && ++runJsonWrites >= 3)
                throw new IOException("No space left on device");
            AtomicFile.WriteAllText(path, contents);
        });

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        Assert.Contains("could not be marked incomplete either (No space left on device): its run.json still says in-progress", run.Error, StringComparison.Ordinal);
        var saved = RunFolder.Read(Assert.Single(Directory.GetDirectories(_temp.Combine("results"))));
        Assert.Equal(RunState.InProgress, saved.State);
        Assert.NotNull(RunCompleteness.PartialReason(saved));
    }
}
