using System.Text.Json.Nodes;
using InferBench.Cli;
using InferBench.Cost.Catalog;
using InferBench.Merge;
using InferBench.Results;
using InferBench.Tests.Support;
using static InferBench.Tests.Merge.MergeSamples;

namespace InferBench.Tests.Merge;

/// <summary>
/// Every entry's best point is judged against one set of latency targets: merge --slo, else the set most runs share; runs
/// whose own targets differ are flagged.
/// </summary>
public sealed class MergeLatencyTargetsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out => _temp.Combine("merged");

    private static readonly LatencyTarget ItlP99Within30Ms = new(LatencyMetric.ItlP99, 30);

    /// <summary>A run on the L4 with itl-p99 ≤ 30.0 ms: batch 8 meets it at 300 tok/s, batch 32 misses it (45 ms) at 600 tok/s.</summary>
    private static RunResult WithTargets()
    {
        var run = Run("20261201-080000-aaaaaa", L4, 0.98, ItlP99(Row(Llama, "cuda-int4", 8, 300), 20), ItlP99(Row(Llama, "cuda-int4", 32, 600), 45));
        return run with { Plan = run.Plan with { LatencyTargets = [ItlP99Within30Ms] } };
    }

    /// <summary>The same run relabelled as a second machine (the H100) that ran without targets.</summary>
    private static RunResult RelabelledWithoutTargets(RunResult run) =>
        run with { RunId = "20261201-080000-bbbbbb", Host = H100, Plan = run.Plan with { LatencyTargets = null } };

    [Fact]
    public void TheSameRunRelabelledAsAMachineWithoutTargetsIsJudgedAgainstTheTargetsMostRunsShareAndFlagged()
    {
        var run = WithTargets();
        Write(_temp.Combine("runs", "a-l4"), run);
        Write(_temp.Combine("runs", "b-h100"), RelabelledWithoutTargets(run));

        var cli = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out);

        Assert.Equal(ExitCodes.AllOk, cli.ExitCode);
        var merged = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, MergedJson.FileName)))!;
        Assert.Empty(MergedSchema.Errors(merged.ToJsonString()));
        // Both runs started at the same moment: the tie goes to the first found, the L4's.
        Assert.Equal(8, Entry(merged, "aws g6.xlarge")["best"]!["batchSize"]!.GetValue<int>());
        Assert.Equal(8, Entry(merged, "aws p5.48xlarge")["best"]!["batchSize"]!.GetValue<int>());
        var flag = "not comparable: latency targets none (most runs: itl-p99 ≤ 30.0 ms)";
        Assert.Equal([flag], Entry(merged, "aws p5.48xlarge")["flags"]!.AsArray().Select(node => node!.GetValue<string>()));
        Assert.Empty(Entry(merged, "aws g6.xlarge")["flags"]!.AsArray());
        Assert.Contains(flag, cli.Error, StringComparison.Ordinal);
        var targets = merged["latencyTargets"]!;
        Assert.Equal("itl-p99", targets["targets"]![0]!["metric"]!.GetValue<string>());
        Assert.Equal(30, targets["targets"]![0]!["limitMilliseconds"]!.GetValue<double>());
        Assert.Contains("itl-p99 ≤ 30.0 ms", File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void MergeSloJudgesEveryEntryAgainstTheTargetsGivenAndFlagsRunsThatRanWithOthers()
    {
        var run = RelabelledWithoutTargets(WithTargets());
        Write(_temp.Combine("runs", "a"), run with { Host = L4 });
        Write(_temp.Combine("runs", "b"), run with { RunId = "20261201-080000-cccccc" });

        var cli = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out, "--slo", "itl-p99=30ms");

        Assert.Equal(ExitCodes.AllOk, cli.ExitCode);
        var merged = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, MergedJson.FileName)))!;
        foreach (var machine in new[] { "aws g6.xlarge", "aws p5.48xlarge" })
        {
            Assert.Equal(8, Entry(merged, machine)["best"]!["batchSize"]!.GetValue<int>());
            Assert.Equal(["not comparable: latency targets none (merge --slo: itl-p99 ≤ 30.0 ms)"],
                Entry(merged, machine)["flags"]!.AsArray().Select(node => node!.GetValue<string>()));
        }
        Assert.Equal("merge --slo", merged["latencyTargets"]!["source"]!.GetValue<string>());
    }

    [Fact]
    public void ABadSloIsBadInputNamingTheOption()
    {
        Write(_temp.Combine("runs", "a"), WithTargets());

        var cli = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out, "--slo", "itl-p99=30");

        Assert.Equal(ExitCodes.BadInput, cli.ExitCode);
        Assert.Contains("--slo: itl-p99: expected a number with a unit (us, ms or s)", cli.Error, StringComparison.Ordinal);
        cli.AssertNoStackTrace();
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void OnATieTheTargetsOfTheRunThatStartedFirstAreUsedWhateverTheOrderFound()
    {
        var early = RelabelledWithoutTargets(WithTargets());
        var late = WithTargets() with { StartedUtc = early.StartedUtc.AddHours(1) };
        Write(_temp.Combine("runs", "a"), late);
        Write(_temp.Combine("runs", "b"), early);

        var merge = RunMerge.Of([_temp.Combine("runs")], [], PricingCatalogLoader.Load(null));

        Assert.Empty(merge.LatencyTargets.Targets);
        Assert.All(merge.Entries, entry => Assert.Equal(32, entry.Best!.BatchSize));
        Assert.Equal(["not comparable: latency targets itl-p99 ≤ 30.0 ms (most runs: none)"],
            merge.Inputs.Single(input => input.RunId == late.RunId).Flags);
    }

    /// <summary><paramref name="row"/> with an inter-token latency p99 of <paramref name="milliseconds"/>.</summary>
    private static ScenarioResult ItlP99(ScenarioResult row, double milliseconds) => row with
    {
        Metrics = row.Metrics! with { InterTokenLatencyMilliseconds = row.Metrics.InterTokenLatencyMilliseconds with { P99 = milliseconds } },
    };

    private static JsonNode Entry(JsonNode merged, string machine) =>
        merged["entries"]!.AsArray().Single(entry => entry!["machine"]!.GetValue<string>() == machine)!;
}
