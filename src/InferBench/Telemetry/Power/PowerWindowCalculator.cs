using System.Globalization;

namespace InferBench.Telemetry.Power;

/// <summary>
/// Turns the readings of one window into its result: the counter difference where there is a counter, else power
/// integrated by the trapezoid rule over exactly the window. The edge readings are taken at the window's begin and
/// end, so the integral neither reaches outside the window nor needs to extrapolate to its edges; a failed reading
/// inside is bridged by interpolating between its neighbours.
/// </summary>
internal static class PowerWindowCalculator
{
    private const ThrottleReasons Throttling = ThrottleReasons.PowerCap | ThrottleReasons.HardwareSlowdown
        | ThrottleReasons.SoftwareThermal | ThrottleReasons.HardwareThermal | ThrottleReasons.PowerBrake;

    /// <param name="samples">Every reading from <paramref name="begin"/> to <paramref name="end"/>; null when the ring lost some.</param>
    public static PowerWindowResult Compute(PowerPhase phase, PowerSample begin, PowerSample end, PowerSample[]? samples, WindowContext context)
    {
        var duration = end.At - begin.At;
        var reasons = samples is null ? null : ReasonsSeen(samples);
        var result = new PowerWindowResult(phase, PowerWindowStatus.Unavailable, EnergySource.Unavailable, duration,
            null, null, samples is null ? null : PeakPower(samples, PeakInterval(context)),
            reasons is { } seen ? (seen & Throttling) != 0 : null, reasons, null, context.UnavailableReason);
        if (context.UnavailableReason is not null)
            return result;

        var lost = samples is null
            ? $"the window outlived the last {context.Options.SampleCapacity} readings, so peak power and throttling are unknown"
            : null;
        string? counterProblem = null;
        if (context.CounterSource != EnergySource.Unavailable)
        {
            if (CounterDifference(begin.Reading, end.Reading) is { } counted)
            {
                if (CounterTooShort(duration, counted, context) is { } tooShort)
                    return result with { Status = PowerWindowStatus.TooShort, Source = context.CounterSource, Reason = tooShort };
                return Ok(result, context.CounterSource, counted, lost) with
                {
                    CrossCheck = samples is not null && Integrate(samples) is { } integrated
                        ? CrossCheck(counted, integrated, context.Options.CrossCheckTolerance)
                        : null,
                };
            }
            counterProblem = CounterProblem(begin.Reading, end.Reading);
        }

        var hasPower = context.PowerSource != EnergySource.Unavailable;
        if (hasPower && samples is not null && Integrate(samples) is { } energy)
        {
            var minimum = context.Options.MinimumUpdatesPerWindow * context.Options.SamplePeriod;
            if (duration < minimum)
                return result with
                {
                    Status = PowerWindowStatus.TooShort,
                    Source = context.PowerSource,
                    Reason = $"a {Milliseconds(duration)} window is shorter than {context.Options.MinimumUpdatesPerWindow} power readings " +
                             $"{Milliseconds(context.Options.SamplePeriod)} apart: repeat the workload inside a longer window",
                };
            return Ok(result, context.PowerSource, energy, Join(lost, WithDetail(counterProblem, context)));
        }
        var powerProblem = hasPower && samples is not null ? "power could not be read at the window's edges" : null;
        return result with { Reason = WithDetail(Join(lost, counterProblem, powerProblem), context) };
    }

    private static PowerWindowResult Ok(PowerWindowResult result, EnergySource source, Energy energy, string? note) => result with
    {
        Status = PowerWindowStatus.Ok,
        Source = source,
        Energy = energy,
        AveragePower = energy / result.Duration,
        Reason = note,
    };

    private static Energy? CounterDifference(PowerReading begin, PowerReading end) =>
        begin.Energy is { } first && end.Energy is { } last && begin.CounterResets == end.CounterResets ? last - first : null;

    private static string CounterProblem(PowerReading begin, PowerReading end) =>
        begin.CounterResets != end.CounterResets
            ? "the energy counter went backwards during the window (driver reloaded?)"
            : $"the energy counter could not be read at the window's {(begin.Energy is null ? "begin" : "end")}";

    private static string? WithDetail(string? problem, WindowContext context) =>
        problem is not null && context.ReadProblem is { } detail ? $"{problem}: {detail}" : problem;

    private static string? CounterTooShort(TimeSpan duration, Energy counted, WindowContext context)
    {
        if (duration <= TimeSpan.Zero)
            return "the window has no duration";
        if (!context.CounterRefreshesPeriodically)
            return null;
        var period = context.CounterUpdatePeriod ?? context.Options.SamplePeriod;
        var periodText = context.CounterUpdatePeriod is null
            ? $"its update period is not known yet, so the {Milliseconds(period)} sample period is assumed"
            : $"it updates about every {Milliseconds(period)}";
        if (counted.Joules == 0)
            return $"the energy counter did not move in this {Milliseconds(duration)} window ({periodText}): " +
                   "repeat the workload inside a longer window";
        if (duration < context.Options.MinimumUpdatesPerWindow * period)
            return $"a {Milliseconds(duration)} window is shorter than {context.Options.MinimumUpdatesPerWindow} energy counter " +
                   $"updates ({periodText}): repeat the workload inside a longer window";
        return null;
    }

    private static EnergyCrossCheck CrossCheck(Energy counted, Energy integrated, double tolerance) =>
        new(integrated, Math.Abs(counted.Joules - integrated.Joules) / counted.Joules, tolerance);

    private static Energy? Integrate(PowerSample[] samples)
    {
        if (samples[0].Reading.Power is null || samples[^1].Reading.Power is null)
            return null;
        var joules = 0.0;
        var previous = samples[0];
        foreach (var sample in samples.AsSpan(1))
        {
            if (sample.Reading.Power is not { } power)
                continue;
            joules += (previous.Reading.Power!.Value.Watts + power.Watts) / 2 * (sample.At - previous.At).TotalSeconds;
            previous = sample;
        }
        return new Energy(joules);
    }

    /// <summary>Shortest interval a counter-only peak is averaged over: two reads a moment apart can straddle a whole update.</summary>
    private static TimeSpan PeakInterval(WindowContext context) => context.CounterRefreshesPeriodically
        ? context.CounterUpdatePeriod ?? context.Options.SamplePeriod
        : context.Options.SamplePeriod / 2;

    private static Power? PeakPower(PowerSample[] samples, TimeSpan minimumInterval)
    {
        Power? peak = null;
        foreach (var sample in samples)
            if (sample.Reading.Power is { } power && (peak is null || power.Watts > peak.Value.Watts))
                peak = power;
        if (peak is not null)
            return peak;

        PowerSample? anchor = null;
        foreach (var sample in samples)
        {
            if (sample.Reading.Energy is not { } energy)
                continue;
            if (anchor is { } from && from.Reading.CounterResets == sample.Reading.CounterResets)
            {
                var interval = sample.At - from.At;
                if (interval < minimumInterval || interval <= TimeSpan.Zero)
                    continue;
                var average = (energy - from.Reading.Energy!.Value) / interval;
                if (peak is null || average.Watts > peak.Value.Watts)
                    peak = average;
            }
            anchor = sample;
        }
        return peak;
    }

    private static ThrottleReasons? ReasonsSeen(PowerSample[] samples)
    {
        ThrottleReasons? seen = null;
        foreach (var sample in samples)
            if (sample.Reading.ThrottleReasons is { } reasons)
                seen = (seen ?? ThrottleReasons.None) | reasons;
        return seen;
    }

    private static string? Join(params string?[] parts) =>
        parts.OfType<string>().ToArray() is { Length: > 0 } present ? string.Join("; ", present) : null;

    private static string Milliseconds(TimeSpan duration) => duration.TotalMilliseconds >= 10
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.##} ms");
}
