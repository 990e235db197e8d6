namespace InferBench.Telemetry.Power;

public sealed record PowerMeterOptions
{
    /// <summary>How often the background sampler reads the source.</summary>
    public TimeSpan SamplePeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Readings kept (a ring); a window that outlives them keeps its counter energy but loses peak and throttling.</summary>
    public int SampleCapacity { get; init; } = 1 << 16;

    /// <summary>A window shorter than this many counter updates (or sample periods, for integrated power) is too short.</summary>
    public int MinimumUpdatesPerWindow { get; init; } = 3;

    /// <summary>Relative difference between counter energy and integrated power above which a window is flagged.</summary>
    public double CrossCheckTolerance { get; init; } = 0.10;
}
