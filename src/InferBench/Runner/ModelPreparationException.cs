using InferBench.Results;

namespace InferBench.Runner;

/// <summary>A target's <see cref="BenchmarkTarget.Prepare"/> step could not make its model folder: the rows get <see cref="Status"/> with this message.</summary>
/// <param name="status">Failed, or unsupported where the model cannot be made by design (a layout the quantizer does not take).</param>
public sealed class ModelPreparationException(string message, Exception? inner = null, ResultStatus status = ResultStatus.Failed) : Exception(message, inner)
{
    public ResultStatus Status { get; } = status;
}
