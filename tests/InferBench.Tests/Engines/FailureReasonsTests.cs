using InferBench.Engines;
using InferBench.Results;

namespace InferBench.Tests.Engines;

public sealed class FailureReasonsTests
{
    private static ScenarioResult RowThatDidNotRun(ResultStatus status, string reason) => new()
    {
        Model = "m", Variant = "v", Precision = "fp32", ExecutionProvider = "cpu", BatchSize = 64, PromptTokens = 8, GenTokens = 4,
        Status = status, Reason = reason,
    };

    public static TheoryData<Exception, BatchStop> BatchStops => new()
    {
        { new EngineException(EngineFailure.OutOfMemory, "std::bad_alloc"), new BatchStop(BatchStopReason.OutOfMemory, "batch 64 does not fit in memory") },
        { new OutOfMemoryException("Array dimensions exceeded supported range."), new BatchStop(BatchStopReason.OutOfMemory, "batch 64 does not fit in memory") },
        {
            new EngineException(EngineFailure.BatchLimit, "batch_size (64) must be in [1, 32]") { BatchStop = "the runtime refuses batch 64" },
            new BatchStop(BatchStopReason.RuntimeLimit, "the runtime refuses batch 64")
        },
        {
            new EngineException(EngineFailure.BatchLimit, "batch_size (64) must be in [1, 32]"),
            new BatchStop(BatchStopReason.RuntimeLimit, "batch 64 is unsupported: measured repetition 1: batch_size (64) must be in [1, 32]")
        },
        {
            new EngineException(EngineFailure.Failed, "Non-zero status code"),
            new BatchStop(BatchStopReason.Failed, "batch 64 is failed: measured repetition 1: Non-zero status code")
        },
    };

    [Theory]
    [MemberData(nameof(BatchStops))]
    public void A_row_that_did_not_run_ends_a_batch_sweep_with_its_cause(Exception failure, BatchStop stop)
    {
        var (status, reason) = FailureReasons.Classify(failure, "measured repetition 1");

        Assert.Equal(stop, FailureReasons.BatchStopOf(RowThatDidNotRun(status, reason), failure));
    }

    [Theory]
    [InlineData(EngineFailure.OutOfMemory, ResultStatus.Unsupported, "out of memory: measured repetition 2: std::bad_alloc")]
    [InlineData(EngineFailure.BatchLimit, ResultStatus.Unsupported, "measured repetition 2: std::bad_alloc")]
    [InlineData(EngineFailure.CudaUnavailable, ResultStatus.Unsupported, "measured repetition 2: std::bad_alloc")]
    [InlineData(EngineFailure.InputMismatch, ResultStatus.Failed, "measured repetition 2: std::bad_alloc")]
    [InlineData(EngineFailure.Failed, ResultStatus.Failed, "measured repetition 2: std::bad_alloc")]
    public void An_engines_failure_becomes_a_status_and_a_reason_by_its_kind(EngineFailure failure, ResultStatus status, string reason)
    {
        var exception = new EngineException(failure, "std::bad_alloc\n  at somewhere");

        Assert.Equal((status, reason), FailureReasons.Classify(exception, "measured repetition 2"));
    }

    [Theory]
    [InlineData(EngineFailure.OutOfMemory, ResultStatus.Unsupported, "out of memory: the arena is full")]
    [InlineData(EngineFailure.BatchLimit, ResultStatus.Unsupported, "the arena is full")]
    [InlineData(EngineFailure.Failed, ResultStatus.Failed, "the arena is full")]
    public void The_engines_own_words_replace_the_step_and_the_runtimes_message(EngineFailure failure, ResultStatus status, string reason)
    {
        var exception = new EngineException(failure, "std::bad_alloc") { Reason = "the arena is full" };

        Assert.Equal((status, reason), FailureReasons.Classify(exception, "measured repetition 2"));
    }

    [Fact]
    public void Other_exceptions_name_their_type()
    {
        var (status, reason) = FailureReasons.Classify(new InvalidOperationException("sequence 0 generated 3 tokens instead of the planned 4"), "warmup repetition 1");

        Assert.Equal(ResultStatus.Failed, status);
        Assert.Equal("warmup repetition 1: InvalidOperationException: sequence 0 generated 3 tokens instead of the planned 4", reason);
    }
}
