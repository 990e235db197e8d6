namespace InferBench.Telemetry.Power;

/// <summary>
/// The same window measured a second way: power readings integrated, beside the counter difference the window
/// reports. Power is sampled, so it misses short peaks; a large difference means one of the two is not to be trusted.
/// </summary>
/// <param name="RelativeDifference">|counter - integrated| / counter.</param>
public sealed record EnergyCrossCheck(Energy Integrated, double RelativeDifference, double Tolerance)
{
    public bool Disagrees => RelativeDifference > Tolerance;
}
