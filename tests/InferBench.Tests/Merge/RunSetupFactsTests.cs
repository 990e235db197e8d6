using InferBench.Merge;
using InferBench.Results;
using static InferBench.Tests.Merge.MergeSamples;

namespace InferBench.Tests.Merge;

/// <summary>Which runs are flagged as set up differently: against the most common value, a tie going to the run that started first.</summary>
public sealed class RunSetupFactsTests
{
    [Fact]
    public void OnATieTheRunThatStartedFirstSetsTheReferenceWhateverTheOrderOfTheRuns()
    {
        var first = Seeded("20261201-090000-aaaaaa", 42, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var second = Seeded("20261201-090500-bbbbbb", 7, new DateTimeOffset(2026, 12, 1, 9, 5, 0, TimeSpan.Zero));

        foreach (var runs in new[] { new[] { first, second }, [second, first] })
        {
            var differences = RunSetupFacts.Differences(runs);
            var ofSecond = differences[Array.IndexOf(runs, second)];
            Assert.Equal(["prompt random tokens, seed 7 (most runs: random tokens, seed 42)"], ofSecond);
            Assert.Empty(differences[Array.IndexOf(runs, first)]);
        }
    }

    [Fact]
    public void TheMostCommonValueOutweighsAnEarlierStart()
    {
        var early = Seeded("20261201-080000-aaaaaa", 7, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var runs = new[]
        {
            early,
            Seeded("20261201-090000-bbbbbb", 42, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
            Seeded("20261201-100000-cccccc", 42, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)),
        };

        var differences = RunSetupFacts.Differences(runs);

        Assert.Equal(["prompt random tokens, seed 7 (most runs: random tokens, seed 42)"], differences[0]);
        Assert.All(differences.Skip(1), Assert.Empty);
    }

    private static RunResult Seeded(string runId, int seed, DateTimeOffset startedUtc)
    {
        var run = Run(runId, L4, 0.98, Row(Llama, "cuda-fp16", 1, 40));
        return run with { Plan = run.Plan with { Seed = seed }, StartedUtc = startedUtc };
    }
}
