using System.Text.Json.Nodes;
using InferBench.Cli;
using InferBench.Merge;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Merge;

/// <summary>
/// Real runs of the tiny synthetic Llama (and the shared tiny GPT-2 where present) with different plans, their host facts
/// then rewritten as if they ran on an L4 and an H100 instance, merged by the command.
/// </summary>
public sealed class MergeOfMeasuredRunsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void RunsOfDifferentPlansOnTwoMachinesMergeIntoOneComparison()
    {
        var model = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, model);
        var l4 = Measure(model, MergeSamples.L4, "--batch", "1,2", "--price-per-hour", "0.98");
        var h100 = Measure(model, MergeSamples.H100, "--batch", "1", "--seed", "7", "--price-per-hour", "98.32");
        string[] gpt2 = SharedFixtures.TinyGpt2Path is { } fixture ? [Measure(fixture, MergeSamples.CpuBox, "--batch", "1")] : [];

        var run = CliRun.Invoke(["merge", _temp.Combine("results"), "--out", _temp.Combine("merged")]);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var json = File.ReadAllText(_temp.Combine("merged", MergedJson.FileName));
        Assert.Empty(MergedSchema.Errors(json));
        var merged = JsonNode.Parse(json)!;
        var entries = merged["entries"]!.AsArray();
        Assert.Equal(2 + gpt2.Length, entries.Count);
        var onL4 = entries.Single(entry => entry!["machine"]!.GetValue<string>() == "aws g6.xlarge")!;
        Assert.Equal(l4, onL4["runId"]!.GetValue<string>());
        Assert.InRange(onL4["best"]!["batchSize"]!.GetValue<int>(), 1, 2);
        Assert.True(onL4["best"]!["usdPerMillionGeneratedTokens"]!.GetValue<double>() > 0);
        var onH100 = entries.Single(entry => entry!["machine"]!.GetValue<string>() == "aws p5.48xlarge")!;
        Assert.Equal(h100, onH100["runId"]!.GetValue<string>());
        Assert.Contains("not comparable: prompt random tokens, seed 7", run.Error, StringComparison.Ordinal);
        Assert.Equal(1 + 2 + 1 + gpt2.Length, File.ReadAllLines(_temp.Combine("merged", CsvResultsExporter.FileName)).Length);
        Assert.Contains("<svg", File.ReadAllText(_temp.Combine("merged", "report.html")), StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="model"/> (prompt 8, gen 4, 2 repetitions), then rewrites its host facts as <paramref name="host"/>'s.</summary>
    private string Measure(string model, HostFacts host, params string[] plan)
    {
        var run = CliRun.Invoke(["run", "--model-path", model, "--prompt-tokens", "8", "--gen-tokens", "4", "--warmup", "0", "--reps", "2",
            "--threads", "1", "--fidelity", "false", "--power", "estimate", "--idle-seconds", "0", "--out", _temp.Combine("results"), "--json", .. plan]);
        Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
        var folder = Path.GetDirectoryName(run.Out.Trim())!;
        var result = RunFolder.Read(folder) with { Host = host };
        File.WriteAllText(Path.Combine(folder, RunJson.FileName), RunJson.Serialize(result));
        return result.RunId;
    }
}
