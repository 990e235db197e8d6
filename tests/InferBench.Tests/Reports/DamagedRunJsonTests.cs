using System.Text.Json.Nodes;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>
/// A run.json that the schema lets through but its writer never leaves (an ok point without metrics, a load whose mode
/// and figures disagree) is refused by every command that reads one, naming the file, the JSON path and what was expected.
/// </summary>
public sealed class DamagedRunJsonTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string> Damages => new()
    {
        { "serving[2] -metrics", "$.serving[2]: expected \"metrics\" on a point with status ok" },
        { "serving[0].load -concurrency", "$.serving[0].load: expected \"concurrency\" (the requests kept in flight) with mode concurrency, found none" },
        { "serving[3].load -requestsPerSecond", "$.serving[3].load: expected \"requestsPerSecond\" (the offered arrival rate) with mode request-rate" },
        { "serving[1].load +requestsPerSecond", "$.serving[1].load.requestsPerSecond: expected no arrival rate with mode concurrency (a closed loop), got 4" },
        { "results[0] -metrics", "$.results[0]: expected \"metrics\" on a row with status ok" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Report_compare_merge_and_cost_refuse_it_with_exit_2_naming_the_file_the_path_and_what_was_expected(string damage, string expected) =>
        AssertEveryReaderRefuses(Damaged(damage), expected);

    [Fact]
    public void A_request_that_shares_more_prefix_than_its_prompt_holds_is_refused_by_every_reader()
    {
        var folder = RunFolder.Create(_temp.Combine("runs"), DateTimeOffset.UtcNow);
        var sample = ServingSamples.CompleteRun() with { RunId = folder.RunId };
        folder.WriteAll(sample);
        var json = JsonNode.Parse(RunJson.Serialize(sample))!;
        var request = json["serving"]![0]!["requests"]![0]!;
        Assert.Equal(16, request["promptTokens"]!.GetValue<int>());
        request["sharedPrefixTokens"] = 17;
        File.WriteAllText(Path.Combine(folder.FullPath, RunJson.FileName), json.ToJsonString());

        AssertEveryReaderRefuses(folder.FullPath, "$.serving[0].requests[0].sharedPrefixTokens: expected at most the request's promptTokens (16), got 17");
    }

    private void AssertEveryReaderRefuses(string folder, string expected)
    {
        var file = Path.Combine(folder, RunJson.FileName);
        string[][] commands =
        [
            ["report", folder],
            ["compare", folder, Healthy()],
            ["merge", folder, "--out", _temp.Combine("merged")],
            ["cost", "--run", folder, "--price-per-hour", "2"],
        ];

        foreach (var command in commands)
        {
            var run = CliRun.Invoke(command);

            Assert.True(run.ExitCode == ExitCodes.BadInput, $"{command[0]}: exit {run.ExitCode}\n{run.Out}\n{run.Error}");
            Assert.Contains($"{file}: {expected}", run.Error + run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_automatic_rates_placeholder_that_never_ran_has_no_rate_and_is_read()
    {
        var run = ServingSamples.Run();
        var placeholder = run.Serving![3] with
        {
            Load = InferBench.Results.ServingLoad.Open(null), Status = InferBench.Results.ResultStatus.Skipped, Metrics = null, Energy = null, Targets = null,
            Reason = "automatic request rates are fractions of the best closed-loop throughput, and no closed-loop point of this variant was measured",
        };

        var read = RunJson.Deserialize(RunJson.Serialize(run with { Serving = [.. run.Serving, placeholder] }), RunJson.FileName);

        Assert.Null(read.Serving![^1].Load.RequestsPerSecond);
    }

    private string Damaged(string damage)
    {
        var folder = RunFolder.Create(_temp.Combine("runs"), DateTimeOffset.UtcNow);
        var sample = ServingSamples.Run() with { RunId = folder.RunId };
        folder.WriteAll(sample);
        var json = JsonNode.Parse(RunJson.Serialize(sample))!;
        var (where, change) = (damage.Split(' ')[0], damage.Split(' ')[1]);
        var node = where.Split('.').Aggregate(json, (current, segment) => segment.EndsWith(']')
            ? current[segment[..segment.IndexOf('[')]]![int.Parse(segment[(segment.IndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!
            : current[segment]!).AsObject();
        if (change[0] == '-')
            node.Remove(change[1..]);
        else
            node[change[1..]] = 4;
        File.WriteAllText(Path.Combine(folder.FullPath, RunJson.FileName), json.ToJsonString());
        return folder.FullPath;
    }

    private string Healthy()
    {
        var folder = RunFolder.Create(_temp.Combine("healthy"), DateTimeOffset.UtcNow);
        folder.WriteAll(ServingSamples.Run() with { RunId = folder.RunId });
        return folder.FullPath;
    }
}
