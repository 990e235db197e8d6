using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Tests.Runner;

public sealed class FailureReasonsTests
{
    [Theory]
    [InlineData("std::bad_alloc", true)]
    [InlineData("Exception during initialization: std::bad_alloc", true)]
    [InlineData("CUDA failure 2: out of memory ; GPU=0 ; hostname=x ; expr=cudaMalloc((void**)&p, size);", true)]
    [InlineData("/onnxruntime/core/framework/bfc_arena.cc:376 void* onnxruntime::BFCArena::AllocateRawInternal(size_t, bool, onnxruntime::Stream*, bool, onnxruntime::WaitNotificationFn) Failed to allocate memory for requested buffer of size 8589934592", true)]
    [InlineData("CUDA error cudaErrorMemoryAllocation:out of memory", true)]
    [InlineData("batch_size (64) must be in [1, 32]", false)]
    [InlineData("Non-zero status code returned while running MatMul node", false)]
    public void Allocation_failures_on_the_cpu_and_the_gpu_are_out_of_memory(string message, bool outOfMemory) =>
        Assert.Equal(outOfMemory, FailureReasons.IsOutOfMemory(message));

    [Fact]
    public void GenAIs_batch_limit_is_recognised_by_its_message()
    {
        Assert.True(FailureReasons.IsBatchLimit("batch_size (64) must be in [1, 32]"));
        Assert.False(FailureReasons.IsBatchLimit("num_beams (64) must be in [1, 32]"));
    }

    [Theory]
    [InlineData("out of memory: measured repetition 1: std::bad_alloc", ResultStatus.Unsupported, BatchStopReason.OutOfMemory)]
    [InlineData(FailureReasons.RuntimeBatchLimit + ": batch_size (64) must be in [1, 32]", ResultStatus.Unsupported, BatchStopReason.RuntimeLimit)]
    [InlineData("measured repetition 1: Non-zero status code", ResultStatus.Failed, BatchStopReason.Failed)]
    public void A_row_that_did_not_run_ends_a_batch_sweep_with_its_cause(string reason, ResultStatus status, BatchStopReason stop)
    {
        var row = new ScenarioResult
        {
            Model = "m", Variant = "v", Precision = "fp32", ExecutionProvider = "cpu", BatchSize = 64, PromptTokens = 8, GenTokens = 4,
            Status = status, Reason = reason,
        };

        Assert.Equal(stop, FailureReasons.BatchStopOf(row).Reason);
    }
}
