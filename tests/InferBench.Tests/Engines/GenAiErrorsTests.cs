using InferBench.Engines;
using InferBench.Engines.GenAi;
using InferBench.Results;

namespace InferBench.Tests.Engines;

public sealed class GenAiErrorsTests
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
        Assert.Equal(outOfMemory, GenAiErrors.IsOutOfMemory(message));

    [Fact]
    public void GenAIs_batch_limit_is_recognised_by_its_message()
    {
        Assert.True(GenAiErrors.IsBatchLimit("batch_size (64) must be in [1, 32]"));
        Assert.False(GenAiErrors.IsBatchLimit("num_beams (64) must be in [1, 32]"));
    }

    [Theory]
    [InlineData("CUDA failure 2: out of memory", EngineFailure.OutOfMemory)]
    [InlineData("batch_size (64) must be in [1, 32]", EngineFailure.BatchLimit)]
    [InlineData("Cuda interface not available", EngineFailure.CudaUnavailable)]
    [InlineData("Model input was not found: tokens", EngineFailure.InputMismatch)]
    [InlineData("Missing Input: attention_mask", EngineFailure.InputMismatch)]
    [InlineData("Non-zero status code returned while running MatMul node", EngineFailure.Failed)]
    public void GenAIs_messages_are_told_apart_by_what_they_say(string message, EngineFailure failure) =>
        Assert.Equal(failure, GenAiErrors.FailureOf(message));

    [Fact]
    public void GenAIs_batch_limit_is_a_row_and_a_batch_stop_in_GenAIs_words()
    {
        var refused = GenAiErrors.Translate("batch_size (64) must be in [1, 32]\n  at Generator()", batchSize: 64);

        var (status, reason) = FailureReasons.Classify(refused, "measured repetition 1");
        var row = new ScenarioResult
        {
            Model = "m", Variant = "v", Precision = "fp32", ExecutionProvider = "cpu", BatchSize = 64, PromptTokens = 8, GenTokens = 4,
            Status = status, Reason = reason,
        };

        Assert.Equal(
            (ResultStatus.Unsupported, "ONNX Runtime GenAI refuses this batch size (its maximum, kMaxBatchSize in src/generators.cpp, is a compile-time "
                + "constant, on every device): batch_size (64) must be in [1, 32]"),
            (status, reason));
        Assert.Equal(new BatchStop(BatchStopReason.RuntimeLimit, "ONNX Runtime GenAI refuses batch 64; it cannot be raised without rebuilding GenAI"),
            FailureReasons.BatchStopOf(row, refused));
    }

    [Fact]
    public void Other_GenAI_failures_keep_the_step_and_GenAIs_message()
    {
        var failed = GenAiErrors.Translate("Non-zero status code returned while running MatMul node\n  at Run()");

        Assert.Null(failed.Reason);
        Assert.Equal((ResultStatus.Failed, "warmup repetition 1: Non-zero status code returned while running MatMul node"),
            FailureReasons.Classify(failed, "warmup repetition 1"));
    }
}
