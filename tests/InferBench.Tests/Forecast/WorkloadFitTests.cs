using InferBench.Forecast;
using InferBench.Runner;

namespace InferBench.Tests.Forecast;

public sealed class WorkloadFitTests
{
    // An 8B-parameter fp16 model: 14 GB of weights read per step, 128 KiB of KV cache per token, 512 tokens of context.
    private static readonly ModelFacts Facts = new(Parameters: 8_000_000_000, MatMulParameters: 7_000_000_000, WeightBytesPerDecodeStep: 14_000_000_000,
        KvCacheBytesPerToken: 131_072, Layers: 32, AttentionHeads: 32, HeadSize: 128, ContextLength: 512);

    private static readonly ForecastVariant Variant = new("m", "fp16", "fp16", Facts);

    private static readonly ForecastTarget Gpu24GiB = new("gpu-24", new HostPeaks("Test GPU", HostPeaks.GpuKind, 1e12, new Dictionary<string, double> { ["fp16"] = 100e12 }, "test"),
        "consumer-gddr", 300, "test", 1, "test", MemoryBytes: 24 * WorkloadFit.BytesPerGibibyte);

    [Fact]
    public void Prompt_and_generated_tokens_within_the_context_and_memory_fit()
    {
        WorkloadFit.Check(Variant, Gpu24GiB, new ForecastPlan([1, 4], [256, 448], [64]));
    }

    [Fact]
    public void Prompt_and_generated_tokens_beyond_the_context_length_are_refused_naming_both_options_and_the_limit()
    {
        var error = Assert.Throws<InputFieldException>(() => WorkloadFit.Check(Variant, Gpu24GiB, new ForecastPlan([1], [4096], [64])));

        Assert.Equal([RunPlanPoints.PromptTokens.Field, RunPlanPoints.GenTokens.Field], error.Fields);
        Assert.Contains("at most 512 tokens", error.Problem);
        Assert.Contains("4,160", error.Problem);
    }

    [Fact]
    public void Weights_and_kv_cache_beyond_the_gpus_memory_are_refused_naming_the_gpu()
    {
        // 14 GB of weights + 64 x 512 tokens x 128 KiB = 4.3 GB of cache fit in 24 GiB (25.8 GB); 256 sequences (17.2 GB of cache) do not.
        WorkloadFit.Check(Variant, Gpu24GiB, new ForecastPlan([64], [448], [64]));
        var error = Assert.Throws<InputFieldException>(() => WorkloadFit.Check(Variant, Gpu24GiB, new ForecastPlan([256], [448], [64])));

        Assert.Equal([RunPlanPoints.BatchSizes.Field, RunPlanPoints.PromptTokens.Field, RunPlanPoints.GenTokens.Field], error.Fields);
        Assert.Contains("more than gpu-24's 24 GiB of memory", error.Problem);
    }

    [Fact]
    public void The_profiles_own_host_and_a_model_of_unknown_context_are_not_checked()
    {
        var host = Gpu24GiB with { MemoryBytes = null };
        var unknownContext = Variant with { Facts = Facts with { ContextLength = null } };

        WorkloadFit.Check(unknownContext, host, new ForecastPlan([256], [4096], [64]));
    }

    [Fact]
    public void A_plan_of_more_tokens_per_batch_than_a_run_takes_is_refused_as_run_refuses_it()
    {
        var error = Assert.Throws<InputRangeException>(() => ForecastPlan.Create([int.MaxValue], [100], [2]));

        Assert.Contains("32-bit sizes", error.Message);
    }
}
