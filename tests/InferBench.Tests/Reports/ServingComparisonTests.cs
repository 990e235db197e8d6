using InferBench.Reports.Compare;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>Serving points of two runs are compared only where both runs sent the same requests.</summary>
public sealed class ServingComparisonTests
{
    [Fact]
    public void The_same_workload_pairs_every_measured_point()
    {
        var run = ServingSamples.Run();

        Assert.NotEmpty(ServingComparison.Of("a", run, "b", run));
    }

    [Theory]
    [InlineData("lengths")]
    [InlineData("prefix")]
    [InlineData("burstiness")]
    public void Another_workload_under_the_same_load_is_not_the_same_measurement(string change)
    {
        var baseline = ServingSamples.Run();
        var plan = baseline.Plan.Serving!;
        var other = baseline with
        {
            Plan = baseline.Plan with
            {
                Serving = change switch
                {
                    "lengths" => plan with { Lengths = plan.Lengths with { PromptTokensMin = 1, PromptTokensMax = 1 } },
                    "prefix" => plan with { SharedPrefixTokens = plan.SharedPrefixTokens + 1 },
                    _ => plan with { Burstiness = 0.5 },
                },
            },
        };

        Assert.Empty(ServingComparison.Of("a", baseline, "b", other));
    }

    [Fact]
    public void A_lengths_file_is_the_same_workload_by_its_hash_wherever_it_was()
    {
        var plan = ServingSamples.Plan with { Lengths = new ServingLengths("file", 1, 9, 1, 9, "/here/lengths.csv", "ab12") };

        Assert.True(ServingComparison.SameWorkload(plan, plan with { Lengths = plan.Lengths with { File = "/there/lengths.csv" } }));
        Assert.False(ServingComparison.SameWorkload(plan, plan with { Lengths = plan.Lengths with { FileSha256 = "cd34" } }));
    }
}
