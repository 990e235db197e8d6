using InferBench.Results;

namespace InferBench.Cost.Runs;

/// <summary>
/// The measured batches of one variant (model, variant, precision, EP) at one workload (prompt and gen tokens), and the
/// one to serve at: the highest throughput that meets the latency targets.
/// </summary>
/// <param name="Points">Each measured batch, smallest first.</param>
/// <param name="Best">The point that meets every target at the highest machine throughput; null when none meets them.</param>
/// <param name="FirstMissed">When none meets them: the targets the smallest batch already misses, the one missed by the
/// largest factor first (larger batches only add latency); empty otherwise.</param>
/// <param name="Stop">Why a <c>--batch auto</c> sweep of this variant and workload stopped; null for a batch list.</param>
public sealed record OperatingPointChoice(
    string Model,
    string Variant,
    string Precision,
    string ExecutionProvider,
    int PromptTokens,
    int GenTokens,
    IReadOnlyList<OperatingPoint> Points,
    OperatingPoint? Best,
    IReadOnlyList<TargetReading> FirstMissed,
    BatchStop? Stop);
