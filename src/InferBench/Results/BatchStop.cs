namespace InferBench.Results;

/// <summary>The end of one <c>--batch auto</c> sweep (one variant and workload), recorded on the row that ended it.</summary>
/// <param name="Detail">The reason in words, with the figures it rests on.</param>
public sealed record BatchStop(BatchStopReason Reason, string Detail);
