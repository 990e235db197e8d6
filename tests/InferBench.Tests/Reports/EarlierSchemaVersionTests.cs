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
