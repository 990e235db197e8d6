using System.Globalization;
using InferBench.Results;

namespace InferBench.Serving;

/// <summary>
/// What each field of a serving plan accepts, named by the plan's fields (a front end maps them to its options), and the
/// check every <see cref="ServingSweep"/> makes before anything runs.
/// </summary>
public static class ServingPlanRanges
{
    /// <summary>The most tokens one request's prompt or output may have: far above any model's context, low enough for 32-bit sums.</summary>
    public const int MaxTokens = 1 << 20;

    public static InputRange Concurrency { get; } = new(nameof(ServingPlanRecord.Concurrencies), 1, 65_536, WholeNumber: true);

    public static InputRange RequestRate { get; } = new(nameof(ServingPlanRecord.RequestRatesPerSecond), 0, 1_000_000, MinimumExcluded: true);

    /// <summary>From 0.01: below, most gamma gaps round to 0 s, and a point bounded by time only would admit requests without end.</summary>
    public static InputRange Burstiness { get; } = new(nameof(ServingPlanRecord.Burstiness), 0.01, 1_000,
        Why: "the shape of the gamma-distributed gaps between arrivals: 1 is Poisson, below 1 burstier, above 1 more even");

    public static InputRange RequestsPerPoint { get; } = new(nameof(ServingPlanRecord.RequestsPerPoint), 1, 10_000_000, WholeNumber: true);

    public static InputRange SecondsPerPoint { get; } = new(nameof(ServingPlanRecord.SecondsPerPoint), 0, 86_400, MinimumExcluded: true);

    public static InputRange WarmupRequests { get; } = new(nameof(ServingPlanRecord.WarmupRequests), 0, 1_000_000, WholeNumber: true);

    public static InputRange PromptTokens { get; } = new(nameof(ServingLengths.PromptTokensMin), 1, MaxTokens, WholeNumber: true);

    public static InputRange OutputTokens { get; } = new(nameof(ServingLengths.OutputTokensMin), 1, MaxTokens, WholeNumber: true);

    public static InputRange SharedPrefixTokens { get; } = new(nameof(ServingPlanRecord.SharedPrefixTokens), 0, MaxTokens, WholeNumber: true);

    /// <exception cref="InputFieldException">A field is outside its range, the plan has no point or no bound, or a prefix is longer than a prompt.</exception>
    public static void Check(ServingPlanRecord plan)
    {
        foreach (var concurrency in plan.Concurrencies)
            Concurrency.Check(concurrency);
        foreach (var rate in plan.RequestRatesPerSecond)
            RequestRate.Check(rate);
        Burstiness.Check(plan.Burstiness);
        if (plan.RequestsPerPoint is { } requests)
            RequestsPerPoint.Check(requests);
        if (plan.SecondsPerPoint is { } seconds)
            SecondsPerPoint.Check(seconds);
        if (plan.RequestsPerPoint is null && plan.SecondsPerPoint is null)
            throw new InputFieldException([nameof(ServingPlanRecord.RequestsPerPoint), nameof(ServingPlanRecord.SecondsPerPoint)],
                "a point needs a bound: a number of requests, a number of seconds, or both");
        WarmupRequests.Check(plan.WarmupRequests);
        SharedPrefixTokens.Check(plan.SharedPrefixTokens);
        CheckTimeBoundAdmitsARequest(plan);
        if (plan.Concurrencies.Count == 0 && !plan.ConcurrencyAuto && plan.RequestRatesPerSecond.Count == 0 && !plan.RequestRateAuto)
            throw new InputFieldException([nameof(ServingPlanRecord.Concurrencies), nameof(ServingPlanRecord.RequestRatesPerSecond)],
                "the plan has no load point: give concurrencies, request rates, or auto");
        if (plan.RequestRateAuto && plan.Concurrencies.Count == 0 && !plan.ConcurrencyAuto)
            throw new InputFieldException([nameof(ServingPlanRecord.RequestRateAuto), nameof(ServingPlanRecord.Concurrencies)],
                "automatic request rates are fractions of the best closed-loop throughput, so the plan needs concurrencies (or auto) too");
        CheckLengths(plan);
    }

    /// <summary>
    /// An open loop's arrivals are known before it runs (seeded), so a time bound that ends before its first measured
    /// request arrives would measure nothing: it is refused. Without a time bound, a rate whose first measured request
    /// comes later than the longest time bound allowed (a day) is refused too: the point would wait that long for it.
    /// Whether a request admitted in time finishes is not known.
    /// </summary>
    private static void CheckTimeBoundAdmitsARequest(ServingPlanRecord plan)
    {
        foreach (var rate in plan.RequestRatesPerSecond)
        {
            var arrival = GammaArrivals.Arrival(plan.WarmupRequests, rate, plan.Burstiness, plan.Seed).TotalSeconds;
            var (bound, fields, within) = plan.SecondsPerPoint is { } seconds
                ? (seconds, (string[])[nameof(ServingPlanRecord.SecondsPerPoint), nameof(ServingPlanRecord.RequestRatesPerSecond)],
                    $"not within its {seconds.ToString(CultureInfo.InvariantCulture)} s: expected a time bound that admits at least one measured request")
                : (SecondsPerPoint.Maximum, [nameof(ServingPlanRecord.RequestRatesPerSecond)],
                    $"later than the longest time bound a point may have ({SecondsPerPoint.Maximum.ToString(CultureInfo.InvariantCulture)} s): expected a rate whose first measured request arrives within it");
            if (arrival >= bound)
                throw new InputFieldException(fields,
                    $"at {ServingLoad.Open(rate)} the first measured request (after {plan.WarmupRequests} warmup) arrives " +
                    $"{ReadableNumber.Of(arrival)} s into the point (seed {plan.Seed}), {within}");
        }
    }

    private static void CheckLengths(ServingPlanRecord plan)
    {
        var lengths = plan.Lengths;
        if (lengths.Kind == RequestLengths.FileKind)
            return;
        if (lengths.Kind is not (RequestLengths.FixedKind or RequestLengths.UniformKind))
            throw new InputFieldException([nameof(ServingLengths.Kind)],
                $"expected {RequestLengths.FixedKind}, {RequestLengths.UniformKind} or {RequestLengths.FileKind}, got '{lengths.Kind}'");
        PromptTokens.Check(lengths.PromptTokensMin);
        (PromptTokens with { Field = nameof(ServingLengths.PromptTokensMax) }).Check(lengths.PromptTokensMax);
        OutputTokens.Check(lengths.OutputTokensMin);
        (OutputTokens with { Field = nameof(ServingLengths.OutputTokensMax) }).Check(lengths.OutputTokensMax);
        if (lengths.PromptTokensMin > lengths.PromptTokensMax || lengths.OutputTokensMin > lengths.OutputTokensMax)
            throw new InputFieldException([nameof(ServingLengths.PromptTokensMin), nameof(ServingLengths.OutputTokensMin)],
                $"a range's minimum is above its maximum (prompt {lengths.PromptTokensMin} to {lengths.PromptTokensMax}, " +
                $"output {lengths.OutputTokensMin} to {lengths.OutputTokensMax})");
        if (lengths.Kind == RequestLengths.FixedKind
            && (lengths.PromptTokensMin != lengths.PromptTokensMax || lengths.OutputTokensMin != lengths.OutputTokensMax))
            throw new InputFieldException([nameof(ServingLengths.Kind)], "fixed lengths have their minimum equal to their maximum; use uniform for a range");
        if (plan.SharedPrefixTokens > lengths.PromptTokensMin)
            throw new InputFieldException([nameof(ServingPlanRecord.SharedPrefixTokens), nameof(ServingLengths.PromptTokensMin)],
                $"the shared prefix ({plan.SharedPrefixTokens} tokens) is longer than the shortest prompt ({lengths.PromptTokensMin} tokens)");
    }
}
