namespace InferBench.Results;

/// <summary>
/// <c>--batch auto</c>: per variant and workload, the batch doubles from 1 until it does not fit in memory, the runtime
/// refuses it, decode throughput gains less than <paramref name="MinGainPercent"/> over two doublings, a latency target
/// breaks, or it reaches <paramref name="MaxBatchSize"/>.
/// </summary>
/// <param name="MaxBatchSize">The largest batch tried (sequences).</param>
/// <param name="MinGainPercent">Stop when median decode tok/s at batch B is less than this many percent above batch B/4's; 0: never for this.</param>
/// <param name="CudaOnly">True for the default plan: only rows that run on CUDA double their batch; CPU rows run
/// <see cref="RunPlanRecord.BatchSizes"/>. False for <c>--batch auto</c>, which applies to every row.</param>
public sealed record AutoBatch(int MaxBatchSize, double MinGainPercent, bool CudaOnly);
