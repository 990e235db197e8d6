using InferBench.Engines;
using InferBench.Results;

namespace InferBench.Tests.Engines;

public sealed class FailureReasonsTests
{
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

    [Theory]
    [InlineData(EngineFailure.OutOfMemory, ResultStatus.Unsupported, "out of memory: measured repetition 2: std::bad_alloc")]
    [InlineData(EngineFailure.BatchLimit, ResultStatus.Unsupported, FailureReasons.RuntimeBatchLimit + ": std::bad_alloc")]
    [InlineData(EngineFailure.InputMismatch, ResultStatus.Failed, "measured repetition 2: std::bad_alloc")]
    [InlineData(EngineFailure.Failed, ResultStatus.Failed, "measured repetition 2: std::bad_alloc")]
    public void An_engines_failure_becomes_a_status_and_a_reason_by_its_kind(EngineFailure failure, ResultStatus status, string reason)
    {
        var exception = new EngineException(failure, "std::bad_alloc\n  at somewhere");

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
