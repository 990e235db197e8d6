using System.Globalization;

namespace InferBench.Reports.Charts;

/// <summary>Tick values a person would pick: steps of 1, 2 or 5 times a power of ten, covering the data.</summary>
public static class AxisTicks
{
    /// <summary>About <paramref name="target"/> ticks from a multiple of the step at or below <paramref name="min"/> to one at or above <paramref name="max"/>.</summary>
    public static IReadOnlyList<double> Nice(double min, double max, int target = 5)
    {
        if (!(max > min))
            max = min + (min == 0 ? 1 : Math.Abs(min));
        var raw = (max - min) / target;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalized = raw / magnitude;
        var step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude;
        var first = Math.Floor(min / step);
        var last = Math.Ceiling(max / step);
        // Multiplying whole step counts keeps 0.1 + 0.2 drift out of the labels.
        return [.. Enumerable.Range(0, (int)(last - first) + 1).Select(i => (first + i) * step)];
    }

    /// <summary>A tick label: at most six decimals, none when whole ("25000", "0.005").</summary>
    public static string Label(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
