using InferBench.Results;

namespace InferBench.Runner;

public static class RunPlanPoints
{
    /// <summary>Every plan point, in a stable order: batch, then prompt length, then generation length.</summary>
    public static IReadOnlyList<PlanPoint> Expand(RunPlanRecord plan) =>
        (from batch in plan.BatchSizes
         from prompt in plan.PromptTokens
         from gen in plan.GenTokens
         select new PlanPoint(batch, prompt, gen)).ToArray();

    /// <summary>Rejects a plan that cannot produce the metrics: the messages name the option.</summary>
    public static void Validate(RunPlanRecord plan)
    {
        RequireAll(plan.PromptTokens, 1, "--prompt-tokens");
        RequireAll(plan.GenTokens, 2, "--gen-tokens", "decode speed needs at least one token after the first");
        RequireAll(plan.BatchSizes, 1, "--batch");
        if (plan.WarmupRepetitions < 0)
            throw new InputException($"--warmup: expected 0 or more, got {plan.WarmupRepetitions}");
        if (plan.MeasuredRepetitions < 1)
            throw new InputException($"--reps: expected 1 or more, got {plan.MeasuredRepetitions}");
        if (plan.IntraOpThreads is < 1)
            throw new InputException($"--threads: expected 1 or more, got {plan.IntraOpThreads}");
    }

    private static void RequireAll(IReadOnlyList<int> values, int minimum, string option, string? why = null)
    {
        if (values.Count == 0)
            throw new InputException($"{option}: expected at least one value");
        var bad = values.FirstOrDefault(v => v < minimum, minimum);
        if (bad < minimum)
            throw new InputException($"{option}: expected values of {minimum} or more, got {bad}" + (why is null ? "" : $" ({why})"));
    }
}
