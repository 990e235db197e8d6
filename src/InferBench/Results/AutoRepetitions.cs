namespace InferBench.Results;

/// <summary>
/// <c>--reps auto</c>: each point repeats until its decode tokens/s median, the figure the reports lead with, is precise
/// (the 95% interval within <paramref name="TargetHalfWidthPercent"/> of the median on both sides), or it reaches <paramref name="MaxRepetitions"/>, or
/// its measured repetitions would run past <paramref name="MaxSecondsPerPoint"/>.
/// </summary>
/// <param name="TargetHalfWidthPercent">Target half-width of the interval, in percent of the median (2 is ±2%).</param>
/// <param name="MaxRepetitions">The most measured repetitions per point (count).</param>
/// <param name="MaxSecondsPerPoint">The most seconds of measured repetitions per point (s, wall clock).</param>
public sealed record AutoRepetitions(double TargetHalfWidthPercent, int MaxRepetitions, double MaxSecondsPerPoint);
