using InferBench.Engines.GenAiServing;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Serving;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Serving;

/// <summary>A serving sweep through GenAI's Engine on its paged test model, whose prefix cache keeps finished requests' blocks.</summary>
public sealed class PagedServingSweepTests
{
    [SkippableFact]
    public void A_later_point_is_not_served_from_the_cache_an_earlier_point_left_but_a_shared_prefix_is()
    {
        var folder = SharedFixtures.RequireEngineSyntheticPaged();
        var plan = ServingRun.Plan with
        {
            Engine = "genai-engine", Concurrencies = [1, 2], RequestsPerPoint = 4, WarmupRequests = 0, Lengths = new ServingLengths("fixed", 12, 12, 4, 4),
        };

        var points = Sweep(plan, folder);
        var shared = Sweep(plan with { SharedPrefixTokens = 8 }, folder);

        Assert.All(points.Concat(shared), point => Assert.Equal(ResultStatus.Ok, point.Status));
        Assert.Equal([0L, 0L], points.Select(point => point.Metrics!.CachedPromptTokens));
        Assert.All(shared, point => Assert.True(point.Metrics!.CachedPromptTokens > 0, $"{point.Load}: no cached prompt token"));
    }

    private static List<ServingPointResult> Sweep(ServingPlanRecord plan, string folder)
    {
        var points = new List<ServingPointResult>();
        new ServingSweep(plan, [], new GenAiServingEngine(), ExecutionProvider.Cpu, null, null, null, new StopwatchClock(), points.Add)
            .Run([new ServingTarget("engine-synthetic-paged", "fp32", "fp32", folder, VocabSize: 64)], CancellationToken.None);
        return points;
    }
}
