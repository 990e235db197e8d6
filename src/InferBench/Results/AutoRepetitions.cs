namespace InferBench.Results;

/// <summary>
/// <c>--reps auto</c>: each point repeats until its decode tokens/s mean is precise (the 95% interval's half-width
/// within <paramref name="TargetHalfWidthPercent"/> of the mean), or it reaches <paramref name="MaxRepetitions"/>, or
/// its measured repetitions would run past <paramref name="MaxSecondsPerPoint"/>.
/// </summary>
/// <param name="TargetHalfWidthPercent">Target half-width of the interval, in percent of the mean (2 is ±2%).</param>
/// <param name="MaxRepetitions">The most measured repetitions per point (count).</param>
/// <param name="MaxSecondsPerPoint">The most seconds of measured repetitions per point (s, wall clock).</param>
public sealed record AutoRepetitions(double TargetHalfWidthPercent, int MaxRepetitions, double MaxSecondsPerPoint);
