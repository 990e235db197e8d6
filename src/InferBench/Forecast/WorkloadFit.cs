using System.Globalization;
using InferBench.Models;
using InferBench.Runner;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Forecast;

/// <summary>
/// Whether a plan point can run at all, checked before it is forecast: prompt + generated tokens within the model's
/// context length (as <c>run</c> checks), and weights + KV cache within the target GPU's memory.
/// </summary>
public static class WorkloadFit
{
    public const double BytesPerGibibyte = 1024.0 * 1024 * 1024;

    /// <exception cref="InputFieldException">A point of <paramref name="plan"/> exceeds the variant's context length or the target's memory; the message names the options, the point and the limit.</exception>
    public static void Check(ForecastVariant variant, ForecastTarget target, ForecastPlan plan)
    {
        var facts = variant.Facts;
        foreach (var prompt in plan.PromptTokens)
            foreach (var gen in plan.GenTokens)
            {
                var tokens = (long)prompt + gen;
                if (facts.ContextLength is { } context && tokens > context)
                    throw new InputFieldException([RunPlanPoints.PromptTokens.Field, RunPlanPoints.GenTokens.Field],
                        $"{variant.Model}/{variant.Variant} takes at most {Grouped(context)} tokens (its {GenAiModelFolder.ConfigFileName} context_length), " +
                        $"but prompt {Integer(prompt)} + gen {Integer(gen)} = {Grouped(tokens)}: nothing beyond the context can run, so nothing is forecast");
                if (target.MemoryBytes is not { } memory)
                    continue;
                foreach (var batch in plan.BatchSizes)
                {
                    var needed = facts.ResidentBytes(batch, tokens);
                    if (needed > memory)
                        throw new InputFieldException([RunPlanPoints.BatchSizes.Field, RunPlanPoints.PromptTokens.Field, RunPlanPoints.GenTokens.Field],
                            $"{variant.Model}/{variant.Variant} at batch {Integer(batch)} x (prompt {Integer(prompt)} + gen {Integer(gen)}) tokens needs at least " +
                            $"{Gibibytes(needed)} GiB (weights {Gibibytes(facts.WeightBytesPerDecodeStep)} GiB + KV cache {Gibibytes(needed - facts.WeightBytesPerDecodeStep)} GiB), " +
                            $"more than {target.Id}'s {(memory / BytesPerGibibyte).ToString("0.##", CultureInfo.InvariantCulture)} GiB of memory: it cannot run there, so nothing is forecast");
                }
            }
    }

    private static string Gibibytes(double bytes) => Grouped(bytes / BytesPerGibibyte);
}
