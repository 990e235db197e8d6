using System.CommandLine;
using InferBench.Telemetry.Power;

namespace InferBench.Cli;

/// <summary>The --power and --cpu-tdp-watts options, shared by every command that measures energy.</summary>
public sealed class PowerChoiceOptions
{
    public Option<string> Source { get; } = CreateSourceOption();

    public Option<double?> CpuTdpWatts { get; } = NumberOption.Create("--cpu-tdp-watts",
        "The CPU's power for the estimate (default: the TDP table, else 85 W)", PowerInputs.CpuTdpWatts);

    /// <exception cref="InputException">A TDP given for a source that does not use it.</exception>
    public (PowerSourceChoice Choice, Power? CpuTdp) Read(ParseResult parseResult)
    {
        var choice = Enum.Parse<PowerSourceChoice>(parseResult.GetValue(Source)!, ignoreCase: true);
        var tdpWatts = parseResult.GetValue(CpuTdpWatts);
        if (tdpWatts is not null && choice is not (PowerSourceChoice.Auto or PowerSourceChoice.Estimate))
            throw new InputException($"--cpu-tdp-watts: applies to --power estimate or auto, not {choice.ToString().ToLowerInvariant()}");
        return (choice, tdpWatts is { } given ? new Power(given) : null);
    }

    private static Option<string> CreateSourceOption()
    {
        var option = new Option<string>("--power")
        {
            Description = "Which source: auto (NVML for GPU runs, else RAPL, else the estimate), nvml, rapl, estimate, or none",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "nvml", "rapl", "estimate", "none");
        return option;
    }
}
