using InferBench.Engines;
using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Serving;

/// <summary>
/// A point's figures from what the driver recorded, over its measured requests (warmup left out); definitions in
/// docs/serving.md. Latencies run from a request's arrival; the point's duration from its first measured arrival to its
/// last measured finish.
/// </summary>
internal static class ServingMetricsCalculator
{
    /// <returns>The point's statistics (null when no measured request completed) and a record per measured request.</returns>
    public static (ServingPointMetrics? Metrics, IReadOnlyList<ServingRequestRecord> Requests) From(PointRecording recording, IReadOnlyList<LatencyTarget> targets)
    {
        var measured = recording.Requests.Where(r => !r.Warmup).ToArray();
        var records = measured.Select(r => Record(r, recording.Start)).ToArray();
        var completed = measured.Where(r => r.Completed).ToArray();
        if (completed.Length == 0)
            return (null, records);
        var firstArrival = measured[0].Arrival;
        var lastFinish = measured.Max(r => r.Finished ?? r.Arrival);
        var duration = (lastFinish - firstArrival).TotalSeconds;
        if (!(duration > 0))
            return (null, records);

        var timeToFirstToken = completed.Select(r => Milliseconds(r.FirstToken!.Value - r.Arrival)).ToArray();
        var endToEnd = completed.Select(r => Milliseconds(r.LastToken!.Value - r.Arrival)).ToArray();
        var timePerOutputToken = completed.Select((r, i) => TimePerOutputToken(r, timeToFirstToken[i], endToEnd[i])).ToArray();
        var gaps = completed.SelectMany(r => r.GapsMilliseconds.ToArray()).ToArray();
        var good = targets.Count == 0
            ? (int?)null
            : completed.Where((r, i) => ServingTargetJudge.Meets(targets, timeToFirstToken[i], timePerOutputToken[i], endToEnd[i])).Count();
        var tpots = timePerOutputToken.OfType<double>().ToArray();
        var meanSecondsInSystem = completed.Average(r => (r.Finished!.Value - r.Arrival).TotalSeconds);
        var (littlesL, littlesDifference) = LittlesLaw(recording, completed.Length, meanSecondsInSystem, firstArrival, lastFinish, duration);
        var arrivalRate = ArrivalRate(measured, duration);
        var (saturated, saturation) = Saturation(recording, measured, completed.Length, meanSecondsInSystem, arrivalRate, duration);

        var metrics = new ServingPointMetrics(
            MeasuredRequests: completed.Length,
            WarmupRequests: recording.Requests.Count - measured.Length,
            FailedRequests: measured.Length - completed.Length,
            DurationSeconds: duration,
            OfferedRequestsPerSecond: recording.Load.RequestsPerSecond,
            ArrivalRequestsPerSecond: arrivalRate,
            RequestsPerSecond: completed.Length / duration,
            Saturated: saturated,
            SaturationReason: saturation,
            GoodputRequestsPerSecond: good / duration,
            InputTokensPerSecond: completed.Sum(r => (long)r.Length.PromptTokens) / duration,
            OutputTokensPerSecond: completed.Sum(r => (long)r.Tokens) / duration,
            QueueMilliseconds: SampleStatisticsCalculator.From(completed.Select(r => Milliseconds(r.Submitted!.Value - r.Arrival)).ToArray()),
            TimeToFirstTokenMilliseconds: SampleStatisticsCalculator.From(timeToFirstToken),
            TimePerOutputTokenMilliseconds: tpots.Length > 0 ? SampleStatisticsCalculator.From(tpots) : null,
            InterTokenLatencyMilliseconds: gaps.Length > 0 ? SampleStatisticsCalculator.From(gaps) : null,
            EndToEndMilliseconds: SampleStatisticsCalculator.From(endToEnd),
            OutputTokensPerSecondPerUser: tpots.Length > 0 ? SampleStatisticsCalculator.From(tpots.Select(ms => 1000 / ms).ToArray()) : null,
            BatchRowsMean: recording.StepsWithTokens > 0 ? (double)recording.RowsPerStep / recording.StepsWithTokens : 0,
            BatchRowsMax: recording.MostRowsInAStep,
            EngineSteps: recording.Steps,
            CachedPromptTokens: completed.Sum(r => r.Usage.CachedPromptTokens),
            MeanRequestsInSystem: littlesL,
            LittlesLawRelativeDifference: littlesDifference,
            HarnessOverheadPercent: recording.InsideSteps > TimeSpan.Zero ? 100 * recording.OutsideSteps / recording.InsideSteps : 0);
        return (metrics, records);
    }

    /// <summary>(e2e - TTFT) / (output tokens - 1); null for a single output token.</summary>
    private static double? TimePerOutputToken(ServedRequest request, double timeToFirstToken, double endToEnd) =>
        request.Tokens > 1 ? (endToEnd - timeToFirstToken) / (request.Tokens - 1) : null;

    /// <summary>Measured arrivals over the span they arrived in; over the duration where there is only one.</summary>
    private static double ArrivalRate(ServedRequest[] measured, double duration) => measured.Length > 1 && measured[^1].Arrival > measured[0].Arrival
        ? (measured.Length - 1) / (measured[^1].Arrival - measured[0].Arrival).TotalSeconds
        : measured.Length / duration;

    /// <summary>
    /// L, the time-average of every request in the system (warmup ones included) over the point's duration, against
    /// throughput x mean time in the system of the completed measured requests: |L - X·W| / L.
    /// </summary>
    private static (double L, double RelativeDifference) LittlesLaw(
        PointRecording recording, int completed, double meanSecondsInSystem, TimeSpan firstArrival, TimeSpan lastFinish, double duration)
    {
        var l = recording.InSystem.MeanOver(firstArrival, lastFinish);
        var xw = completed / duration * meanSecondsInSystem;
        return (l, l > 0 ? Math.Abs(l - xw) / l : double.NaN);
    }

    /// <summary>An open loop's verdict over its arrival phase (<see cref="SaturationRule"/>); a closed loop is never saturated.</summary>
    private static (bool Saturated, string? Reason) Saturation(
        PointRecording recording, ServedRequest[] measured, int completed, double meanSecondsInSystem, double arrivalRequestsPerSecond, double duration)
    {
        var from = measured[0].Arrival;
        var to = recording.DrainStart;
        if (recording.Load.Concurrency is not null || to <= from)
            return (false, null);
        var third = (to - from) / 3;
        var servedSeconds = duration - meanSecondsInSystem;
        var reason = SaturationRule.Judge(
            recording.InSystem.MeanOver(from, from + third),
            recording.InSystem.MeanOver(to - third, to),
            arrivalRequestsPerSecond,
            servedSeconds > 0 ? completed / servedSeconds : double.PositiveInfinity);
        return (reason is not null, reason);
    }

    private static ServingRequestRecord Record(ServedRequest request, TimeSpan start) => new(
        Milliseconds(request.Arrival - start),
        request.Submitted is { } submitted ? Milliseconds(submitted - request.Arrival) : null,
        request.FirstToken is { } first ? Milliseconds(first - request.Arrival) : null,
        request.LastToken is { } last ? Milliseconds(last - request.Arrival) : null,
        request.Length.PromptTokens,
        request.Tokens,
        request.Usage.CachedPromptTokens,
        request.Finish is { } finish ? JsonEnumName.Of(finish) : "unfinished",
        request.Length.SharedPrefixTokens > 0 ? request.Length.SharedPrefixTokens : null);

    private static double Milliseconds(TimeSpan span) => span.TotalMilliseconds;
}
