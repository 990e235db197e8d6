using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Tests.Telemetry;

/// <summary>The settling rule on scripted traces: one observation a second, as the warmup takes them on a real GPU.</summary>
public sealed class SteadyStateDetectorTests
{
    private static readonly SteadyStatePlan Plan = SteadyStatePlan.Default;

    /// <summary>The first second at which the detector says settled, or null when it never does within <paramref name="seconds"/>.</summary>
    private static (int? SettledAt, SteadyStateDetector Detector) Replay(Func<double, (double Watts, double Celsius)> trace, int seconds = 120)
    {
        var detector = new SteadyStateDetector(Plan);
        for (var t = 1; t <= seconds; t++)
        {
            var (watts, celsius) = trace(t);
            if (detector.Observe(new SteadyStateObservation(TimeSpan.FromSeconds(t), watts, celsius)))
                return (t, detector);
        }
        return (null, detector);
    }

    [Fact]
    public void A_flat_trace_settles_as_soon_as_the_observations_span_the_window_and_not_before()
    {
        var (settledAt, detector) = Replay(_ => (400, 65));

        Assert.Equal(11, settledAt); // observations at 1 s .. 11 s span the 10 s window
        Assert.Equal(0, detector.PowerSlopePercentPerSecond!.Value, 1e-9);
        Assert.Equal(0, detector.TemperatureSlopeCelsiusPerSecond!.Value, 1e-9);
    }

    [Fact]
    public void Power_still_rising_by_one_percent_a_second_never_settles()
    {
        var (settledAt, detector) = Replay(t => (300 * Math.Pow(1.01, t), 65));

        Assert.Null(settledAt);
        Assert.InRange(detector.PowerSlopePercentPerSecond!.Value, 0.95, 1.05);
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        Assert.Equal(new SteadyStatePlan(MaxSeconds: 60, WindowSeconds: 10, PowerSlopePercentPerSecond: 0.5, TemperatureSlopeCelsiusPerSecond: 0.1), Plan);
    }

    [Fact]
    public void A_one_degree_step_near_the_middle_of_the_window_is_not_settled()
    {
        // NVML reads whole degrees: a 10 s window tells 0.1 °C/s apart because a 1 °C step inside it fits a slope of
        // about 0.13 °C/s; near the window's edge it fits less than 0.1 °C/s.
        var (settledAt, _) = Replay(t => (400, t < 8 ? 60 : 61));

        Assert.Equal(16, settledAt); // the step at 8 s is then 2 s from the window's start
    }

    [Fact]
    public void Flat_power_on_a_gpu_still_heating_does_not_settle_until_the_temperature_stops()
    {
        // 0.2 °C/s until 40 s, read as whole degrees as NVML gives them, then flat.
        var (settledAt, _) = Replay(t => (400, Math.Floor(40 + 0.2 * Math.Min(t, 40))));

        Assert.NotNull(settledAt);
        Assert.InRange(settledAt!.Value, 45, 52);
    }

    [Fact]
    public void A_noisy_exponential_warmup_settles_once_its_slopes_fall_under_the_thresholds()
    {
        // Power 300 -> 400 W and temperature 40 -> 75 °C with time constants of 15 s and 25 s, plus seeded noise of
        // 1% of power. The temperature's slope 35/25 e^(-t/25) falls under 0.1 °C/s at t = 66 s; power's under 0.5%/s
        // at about 25 s.
        var random = new Random(20261129);
        var (settledAt, detector) = Replay(t => (
            (400 - 100 * Math.Exp(-t / 15.0)) * (1 + 0.01 * (random.NextDouble() * 2 - 1)),
            Math.Floor(75 - 35 * Math.Exp(-t / 25.0))));

        Assert.NotNull(settledAt);
        Assert.InRange(settledAt!.Value, 60, 80);
        Assert.InRange(Math.Abs(detector.PowerSlopePercentPerSecond!.Value), 0, Plan.PowerSlopePercentPerSecond);
    }

    [Fact]
    public void One_spike_inside_a_flat_window_does_not_unsettle_it()
    {
        var (settledAt, _) = Replay(t => (t == 4 ? 440 : 400, 65));

        Assert.Equal(11, settledAt);
    }

    [Fact]
    public void Observations_must_move_forward_in_time()
    {
        var detector = new SteadyStateDetector(Plan);
        detector.Observe(new SteadyStateObservation(TimeSpan.FromSeconds(2), 400, 65));

        Assert.Throws<ArgumentException>(() => detector.Observe(new SteadyStateObservation(TimeSpan.FromSeconds(2), 400, 65)));
    }
}
