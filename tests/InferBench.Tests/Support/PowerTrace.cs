using System.Globalization;
using System.Text;
using InferBench.Telemetry.Power;

namespace InferBench.Tests.Support;

/// <summary>A piecewise-linear power trace, constant before its first point and after its last, with its exact integral.</summary>
public sealed class PowerTrace(params (double Seconds, double Watts)[] points)
{
    public static PowerTrace Constant(double watts) => new((0, watts));

    public Power At(TimeSpan time)
    {
        var t = time.TotalSeconds;
        if (t <= points[0].Seconds)
            return new Power(points[0].Watts);
        for (var i = 1; i < points.Length; i++)
            if (t <= points[i].Seconds)
            {
                var share = (t - points[i - 1].Seconds) / (points[i].Seconds - points[i - 1].Seconds);
                return new Power(points[i - 1].Watts + share * (points[i].Watts - points[i - 1].Watts));
            }
        return new Power(points[^1].Watts);
    }

    public Energy Between(TimeSpan from, TimeSpan to)
    {
        var edges = points.Select(p => TimeSpan.FromSeconds(p.Seconds)).Where(t => t > from && t < to).Prepend(from).Append(to).ToArray();
        var joules = 0.0;
        for (var i = 1; i < edges.Length; i++)
            joules += (At(edges[i - 1]).Watts + At(edges[i]).Watts) / 2 * (edges[i] - edges[i - 1]).TotalSeconds;
        return new Energy(joules);
    }

    /// <summary>The trace as fake NVML "power" lines for one device.</summary>
    public string ToScript(int device)
    {
        var script = new StringBuilder();
        foreach (var (seconds, watts) in points)
            script.AppendLine(CultureInfo.InvariantCulture, $"power {device} {seconds * 1000:R} {watts:R}");
        return script.ToString();
    }
}
