using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>
/// run.json files written by earlier versions stay readable: Reports/Fixtures/run-schema-v1.json is a real
/// schemaVersion 1 run (the tiny GPT-2 fixture, CPU-TDP estimate), written by the InferBench of commit 69637dd.
/// </summary>
public sealed class EarlierSchemaVersionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Version1Folder(string name)
    {
        var folder = Directory.CreateDirectory(_temp.Combine(name)).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", "run-schema-v1.json"), Path.Combine(folder, RunJson.FileName));
        return folder;
    }

    [Fact]
    public void Report_renders_a_version_1_run()
    {
        var folder = Version1Folder("v1");

        var run = CliRun.Invoke("report", folder);

        Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(folder, "results.csv")).Length);
        Assert.Contains("tiny-random-gpt2-fp32", File.ReadAllText(Path.Combine(folder, "report.md")));
        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        Assert.Equal(1, RunFolder.Read(folder).SchemaVersion);
    }

    [Fact]
    public void A_version_1_estimate_is_read_with_todays_meaning_no_net_of_idle_and_a_note_why()
    {
        var folder = Version1Folder("v1");
        var raw = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, RunJson.FileName)))!;
        Assert.NotNull(raw["results"]![0]!["energy"]!["netJoulesPerGeneratedToken"]); // the file itself has the old figure

        var run = RunFolder.Read(folder);

        Assert.All(run.Results.Where(row => row.Energy is not null), row =>
        {
            Assert.Equal("estimated-cpu-tdp", row.Energy!.Source);
            Assert.Null(row.Energy.NetJoulesPerGeneratedToken);
            Assert.NotNull(row.Energy.JoulesPerGeneratedToken);
            Assert.EndsWith(EarlierSchemaVersions.Version1EstimateNote, row.Energy.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(1, run.SchemaVersion);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_earlier_files_stopping_half_width_of_the_mean_is_not_read_as_the_medians(int version)
    {
        var folder = Version1Folder("v" + version);
        var path = Path.Combine(folder, RunJson.FileName);
        var raw = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        raw["schemaVersion"] = version;
        raw["results"]![0]!["repetitionStop"] = System.Text.Json.Nodes.JsonNode.Parse(
            """{"reason":"precise","measuredRepetitions":12,"decodeHalfWidthPercent":1.5,"decodeLag1Autocorrelation":0.1,"targetHalfWidthPercent":2}""");
        File.WriteAllText(path, raw.ToJsonString());

        var stop = RunFolder.Read(folder).Results[0].RepetitionStop!;

        Assert.Null(stop.DecodeHalfWidthPercent);
        Assert.Equal((12, 2.0), (stop.MeasuredRepetitions, stop.TargetHalfWidthPercent));
    }

    [Theory]
    [InlineData("cuda", "estimated-cpu-tdp")]
    [InlineData("cuda", "measured-rapl")]
    [InlineData("cpu", "measured-nvml-counter")]
    public void A_version_1_row_with_energy_of_other_hardware_reads_as_unavailable(string executionProvider, string energySource)
    {
        var folder = Version1Folder("v1");
        var path = Path.Combine(folder, RunJson.FileName);
        var raw = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        raw["results"]![0]!["executionProvider"] = executionProvider;
        raw["results"]![0]!["energy"]!["source"] = energySource;
        File.WriteAllText(path, raw.ToJsonString());

        var row = RunFolder.Read(folder).Results[0];

        Assert.Equal(("unavailable", "unavailable"), (row.Energy!.Source, row.Energy.Status));
        Assert.Null(row.Energy.JoulesPerGeneratedToken);
        Assert.EndsWith(EarlierSchemaVersions.Version1OtherHardwareNote, row.Energy.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_reads_a_version_1_run_beside_a_current_one()
    {
        var before = Version1Folder("v1");
        var after = Directory.CreateDirectory(_temp.Combine("v2")).FullName;
        var current = RunFolder.Read(before) with { SchemaVersion = RunResult.CurrentSchemaVersion, RunId = "v2" };
        File.WriteAllText(Path.Combine(after, RunJson.FileName), RunJson.Serialize(current));

        var run = CliRun.Invoke("compare", before, after);

        Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
        Assert.Matches(@"tiny-random-gpt2-fp32\s+local\s+unknown\s+cpu\s+1\s+8\s+4\s+decode tok/s", run.Out);
        Assert.Contains("within noise", run.Out);
    }
}
