using System.Text.Json.Nodes;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed class CompareCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PrintsMatchedRowsSideBySideWithTheNoiseVerdict()
    {
        var (a, b) = (Folder("before", 100), Folder("after", 150));

        var run = CliRun.Invoke("compare", a, b);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains($"Baseline A: before ({a})", run.Out, StringComparison.Ordinal);
        Assert.Contains("Run B: after", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"phi-3-mini\s+cpu-fp32\s+fp32\s+cpu\s+1\s+128\s+64\s+decode tok/s\s+100.0\s+B\s+150\s+1.50x\s+\+50.0%\s+\[\+\d+\.\d%, \+\d+\.\d%\]\s+5 vs 5\s+larger than noise", run.Out);
        Assert.Matches(@"TTFT ms\s+50.0\s+B\s+50.0\s+1.00x\s+0.0%\s+\[0.0%, 0.0%\]\s+5 vs 5\s+within noise", run.Out);
    }

    [Fact]
    public void JsonIsOneObjectForScripts()
    {
        var run = CliRun.Invoke("compare", Folder("before", 100), Folder("after", 150), "--json");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("welch-t-on-log-values", json["method"]!.GetValue<string>());
        Assert.Equal(0.95, json["confidenceLevel"]!.GetValue<double>());
        Assert.StartsWith("Geometric means over the measured repetitions", json["notes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var decode = json["rows"]![0]!;
        Assert.Equal("decodeTokensPerSecond", decode["metric"]!.GetValue<string>());
        Assert.Equal("cpu-fp32", decode["scenario"]!["variant"]!.GetValue<string>());
        Assert.Equal(1.5, decode["ratio"]!.GetValue<double>(), 9);
        Assert.Equal(100, decode["baselineMedian"]!.GetValue<double>(), 9);
        Assert.Equal(150, decode["runGeometricMean"]!.GetValue<double>(), 0);
        Assert.Equal("larger-than-noise", decode["verdict"]!.GetValue<string>());
        Assert.DoesNotContain("\\u00", run.Out, StringComparison.Ordinal); // quotes in the notes are written as quotes
    }

    [Fact]
    public void AMissingFolderIsBadInputNamingIt()
    {
        var missing = _temp.Combine("nope");

        var run = CliRun.Invoke("compare", Folder("before", 100), missing);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"Run folder not found: {missing}", run.Error, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void AFolderWithoutRunJsonIsBadInput()
    {
        var empty = Directory.CreateDirectory(_temp.Combine("empty")).FullName;

        var run = CliRun.Invoke("compare", Folder("before", 100), empty);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("No run.json in run folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RunsWithNothingInCommonAreBadInput()
    {
        var other = Folder("other", 100, batch: 4);

        var run = CliRun.Invoke("compare", Folder("before", 100), other);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("no measured row in common", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("one-folder")]
    [InlineData("removed-bootstrap-option")]
    public void BadArgumentsAreBadInput(string problem)
    {
        var a = Folder("before", 100);
        string[] args = problem == "one-folder" ? ["compare", a] : ["compare", a, a, "--resamples", "2000"];

        var run = CliRun.Invoke(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        run.AssertNoStackTrace();
    }

    /// <summary>A run folder whose one row decodes at about <paramref name="decodeTokensPerSecond"/> over five repetitions.</summary>
    private string Folder(string runId, double decodeTokensPerSecond, int batch = 1)
    {
        double[] rates = [.. new[] { 1.0, 1.01, 0.99, 1.005, 0.995 }.Select(factor => factor * decodeTokensPerSecond)];
        RunResult run = CompareSamples.Run(runId, CompareSamples.Row("cpu-fp32", batch, rates));
        var folder = Directory.CreateDirectory(_temp.Combine(runId)).FullName;
        File.WriteAllText(Path.Combine(folder, RunJson.FileName), RunJson.Serialize(run));
        return folder;
    }
}
