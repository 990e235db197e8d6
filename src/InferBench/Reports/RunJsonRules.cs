using System.Globalization;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// What run.json's writer always keeps and its schema does not state, so a damaged file is refused instead of read as
/// something it is not: an ok row or serving point has its metrics; a closed loop has its concurrency and no arrival
/// rate; an ok open-loop point has its rate (only the automatic rates' placeholder, which never ran, has none); a request shares
/// no more prefix than its prompt holds; a quality distribution's minimum is not above its maximum and its percents ascend.
/// </summary>
internal static class RunJsonRules
{
    /// <param name="root">The document's root, where the locations start.</param>
    public static IEnumerable<JsonProblem> Problems(JsonLocation root, RunResult run)
    {
        var ok = JsonEnumName.Of(ResultStatus.Ok);
        foreach (var (row, i) in run.Results.Select((row, i) => (row, i)))
        {
            var at = root.Child("results").Child(i);
            if (row is { Status: ResultStatus.Ok, Metrics: null })
                yield return new(at, $"expected \"metrics\" on a row with status {ok} (a measured row's statistics), found none");
            var fidelity = at.Child("fidelity");
            foreach (var problem in DistributionProblems(fidelity.Child("klDivergenceDistributionNats"), row.Fidelity?.KlDivergenceDistributionNats)
                         .Concat(DistributionProblems(fidelity.Child("tokenProbabilityDelta"), row.Fidelity?.TokenProbabilityDelta)))
                yield return problem;
        }
        foreach (var (point, i) in (run.Serving ?? []).Select((point, i) => (point, i)))
        {
            var at = root.Child("serving").Child(i);
            if (point is { Status: ResultStatus.Ok, Metrics: null })
                yield return new(at, $"expected \"metrics\" on a point with status {ok} (a measured point's statistics), found none");
            foreach (var problem in LoadProblems(at.Child("load"), point.Load, point.Status))
                yield return problem;
            foreach (var (request, j) in (point.Requests ?? []).Select((request, j) => (request, j)))
            {
                if (request.SharedPrefixTokens > request.PromptTokens)
                    yield return new(at.Child("requests").Child(j).Child("sharedPrefixTokens"),
                        $"expected at most the request's promptTokens ({request.PromptTokens}), got {request.SharedPrefixTokens}");
            }
        }
    }

    /// <summary>A distribution's minimum is not above its maximum, and its percentiles go up without repeats (a report looks each up by its percent).</summary>
    private static IEnumerable<JsonProblem> DistributionProblems(JsonLocation at, TokenDistribution? distribution)
    {
        if (distribution is null)
            yield break;
        if (distribution.Minimum > distribution.Maximum)
            yield return new(at.Child("minimum"), $"expected at most the maximum ({distribution.Maximum.ToString(CultureInfo.InvariantCulture)}), got {distribution.Minimum.ToString(CultureInfo.InvariantCulture)}");
        for (var k = 1; k < distribution.Percentiles.Count; k++)
        {
            var (before, percent) = (distribution.Percentiles[k - 1].Percent, distribution.Percentiles[k].Percent);
            if (percent <= before)
                yield return new(at.Child("percentiles").Child(k).Child("percent"),
                    $"expected percents in ascending order without repeats, above the one before ({before.ToString(CultureInfo.InvariantCulture)}), got {percent.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static IEnumerable<JsonProblem> LoadProblems(JsonLocation at, ServingLoad load, ResultStatus status)
    {
        if (load.Mode == ServingLoad.ClosedLoopMode)
        {
            if (load.Concurrency is null)
                yield return new(at, $"expected \"concurrency\" (the requests kept in flight) with mode {ServingLoad.ClosedLoopMode}, found none");
            if (load.RequestsPerSecond is not null)
            {
                var rate = at.Child("requestsPerSecond");
                yield return new(rate, $"expected no arrival rate with mode {ServingLoad.ClosedLoopMode} (a closed loop), got {rate.Value.GetRawText()}");
            }
        }
        else if (load.Mode == ServingLoad.OpenLoopMode && status == ResultStatus.Ok && load.RequestsPerSecond is null)
        {
            yield return new(at, $"expected \"requestsPerSecond\" (the offered arrival rate) with mode {ServingLoad.OpenLoopMode} on a point with status " +
                $"{JsonEnumName.Of(ResultStatus.Ok)} (only the automatic rates' placeholder, which never ran, has none), found none");
        }
    }
}
