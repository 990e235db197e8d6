using System.Globalization;
using System.Text.RegularExpressions;
using InferBench.Results;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Docs;

/// <summary>The documents say what the GPU steady-state warmup does, with the code's defaults, and that it has not met a real GPU.</summary>
public sealed partial class GpuSteadyStateDocumentationTests
{
    private static string Text(params string[] path) => Whitespace().Replace(File.ReadAllText(RepoRoot.Combine(path)), " ");

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void The_command_reference_gives_the_steady_state_defaults_of_the_code()
    {
        var readme = File.ReadAllLines(RepoRoot.Combine("docs", "cli.md"));
        var defaults = SteadyStatePlan.Default;

        foreach (var (option, value) in new[]
                 {
                     ("--steady-max-seconds", defaults.MaxSeconds), ("--steady-window-seconds", defaults.WindowSeconds),
                     ("--steady-power-slope", defaults.PowerSlopePercentPerSecond), ("--steady-temp-slope", defaults.TemperatureSlopeCelsiusPerSecond),
                 })
            Assert.Contains(readme, line => line.StartsWith($"| `{option}` | `{Invariant(value)}` |", StringComparison.Ordinal));
    }

    [Fact]
    public void The_methods_describe_the_settling_rule_and_the_part_time_power_readings()
    {
        var readme = Text("docs", "methods.md");

        Assert.Contains("the least-squares slopes over the last window must both be under `--steady-power-slope`", readme);
        Assert.Contains("`gpu.atStart` / `gpu.atEnd` each GPU's temperature, SM clock, power limit and throttle reasons", readme);
        Assert.Contains("CPU runs do none of this.", readme);
        Assert.Contains("NVML samples the board's power only about 25% of the time", readme);
        Assert.Contains("Windows shorter than a few updates of either stay `too-short`, never a false zero.", readme);
        Assert.Contains("about 25% of the time", ScenarioEnergyCalculator.NvmlPartTimePowerNote);
    }

    [Fact]
    public void The_results_readme_documents_the_added_run_json_fields()
    {
        var results = Text("results", "README.md");

        foreach (var field in new[] { "`plan.steadyState`", "`gpu`", "`atStart` / `atEnd`", "`settled`, `time-cap`, `unreadable` or `cancelled`" })
            Assert.Contains(field, results);
        Assert.Contains("**GPU state (NVML)**", results);
    }

    [Fact]
    public void The_gpu_guide_says_the_steady_state_warmup_has_not_met_a_real_gpu()
    {
        var row = File.ReadAllLines(RepoRoot.Combine("docs", "gpu.md"))
            .Single(line => line.StartsWith("| GPU steady state (`--steady-*`)", StringComparison.Ordinal));

        Assert.Contains("against the fake NVML library", row);
        Assert.EndsWith("| not run on a real GPU: it has not met one, so its thresholds and defaults are unchecked |", row);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
