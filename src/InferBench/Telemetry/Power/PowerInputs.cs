using InferBench.Results;

namespace InferBench.Telemetry.Power;

/// <summary>The ranges of the numbers a user gives the power measurement.</summary>
public static class PowerInputs
{
    /// <summary>An hour: a longer idle or probe window is a typo, and the run would sit idle for it.</summary>
    public const double MaxWindowSeconds = 3600;

    /// <summary>Idle power is measured this long before and after a sweep; 0 skips it.</summary>
    public static InputRange IdleSeconds { get; } = new(nameof(IdleSeconds), 0, MaxWindowSeconds);

    /// <summary>How long a probe reads each source.</summary>
    public static InputRange ProbeSeconds { get; } = new(nameof(ProbeSeconds), 0, MaxWindowSeconds, MinimumExcluded: true);

    /// <summary>The CPU power the estimate assumes; the largest server CPUs are rated about 500 W, so 5 kW leaves room for several sockets.</summary>
    public static InputRange CpuTdpWatts { get; } = new(nameof(CpuTdpWatts), 0, 5000, MinimumExcluded: true);

    /// <summary>The whole chip's hardware threads that share its TDP; today's largest sockets have 384.</summary>
    public static InputRange CpuThreads { get; } = new(nameof(CpuThreads), 1, 4096, WholeNumber: true);

    /// <summary>Cap on an NVML run's steady-state warmup of one point; 0 turns it off.</summary>
    public static InputRange SteadyMaxSeconds { get; } = new(nameof(SteadyMaxSeconds), 0, MaxWindowSeconds);

    /// <summary>The window the warmup's power and temperature slopes are fitted over.</summary>
    public static InputRange SteadyWindowSeconds { get; } = new(nameof(SteadyWindowSeconds), 0, MaxWindowSeconds, MinimumExcluded: true);

    /// <summary>Settled power slope, percent of the mean per second; 100 %/s would double the power within a second.</summary>
    public static InputRange SteadyPowerSlopePercentPerSecond { get; } = new(nameof(SteadyPowerSlopePercentPerSecond), 0, 100, MinimumExcluded: true);

    /// <summary>Settled temperature slope; a GPU under load heats by a few °C per second at most.</summary>
    public static InputRange SteadyTemperatureSlopeCelsiusPerSecond { get; } = new(nameof(SteadyTemperatureSlopeCelsiusPerSecond), 0, 10, MinimumExcluded: true);

    /// <exception cref="InputRangeException">A value of <paramref name="plan"/> is out of its range.</exception>
    public static void Check(SteadyStatePlan plan)
    {
        SteadyMaxSeconds.Check(plan.MaxSeconds);
        SteadyWindowSeconds.Check(plan.WindowSeconds);
        SteadyPowerSlopePercentPerSecond.Check(plan.PowerSlopePercentPerSecond);
        SteadyTemperatureSlopeCelsiusPerSecond.Check(plan.TemperatureSlopeCelsiusPerSecond);
    }

    /// <exception cref="InputRangeException">The seconds are out of <see cref="IdleSeconds"/>.</exception>
    public static TimeSpan IdleDuration(double seconds) => TimeSpan.FromSeconds(IdleSeconds.Check(seconds));

    /// <exception cref="InputRangeException">The seconds are out of <see cref="ProbeSeconds"/>.</exception>
    public static TimeSpan ProbeDuration(double seconds) => TimeSpan.FromSeconds(ProbeSeconds.Check(seconds));
}
