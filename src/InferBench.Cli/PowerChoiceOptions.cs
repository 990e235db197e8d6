using System.CommandLine;
using System.Globalization;
using InferBench.Telemetry.Power;

namespace InferBench.Cli;

/// <summary>The --power, --cpu-tdp-watts and --cpu-threads options, shared by every command that measures energy.</summary>
public sealed class PowerChoiceOptions
{
    public Option<string> Source { get; } = CreateSourceOption();

    public Option<double?> CpuTdpWatts { get; } = new("--cpu-tdp-watts")
    {
        Description = "The whole CPU chip's TDP for the estimate, which charges it per hardware thread (default: the TDP table; " +
                      "for a chip not in it, the median watts per thread of the table's server chips)",
    };

    public Option<int?> CpuThreads { get; } = new("--cpu-threads")
    {
        Description = "The whole CPU chip's hardware threads (not the ones a VM sees), which share --cpu-tdp-watts (default: the TDP table)",
    };

    public IEnumerable<Option> All => [Source, CpuTdpWatts, CpuThreads];

    /// <exception cref="InputException">A TDP or thread count that is not positive, given for a source that does not use
    /// it, or that cannot rate <paramref name="cpuModel"/> (a TDP for a chip the table lacks, without its threads).</exception>
    public (PowerSourceChoice Choice, CpuRating Cpu) Read(ParseResult parseResult, string cpuModel)
    {
        var choice = Enum.Parse<PowerSourceChoice>(parseResult.GetValue(Source)!, ignoreCase: true);
        var tdpWatts = parseResult.GetValue(CpuTdpWatts);
        var threads = parseResult.GetValue(CpuThreads);
        if (tdpWatts is { } watts && !(watts > 0))
            throw new InputException($"--cpu-tdp-watts: expected more than 0, got {watts.ToString(CultureInfo.InvariantCulture)}");
        if (threads is < 1)
            throw new InputException($"--cpu-threads: expected 1 or more, got {threads.Value.ToString(CultureInfo.InvariantCulture)}");
        foreach (var (name, present) in new[] { ("--cpu-tdp-watts", tdpWatts is not null), ("--cpu-threads", threads is not null) })
            if (present && choice is not (PowerSourceChoice.Auto or PowerSourceChoice.Estimate))
                throw new InputException($"{name}: applies to --power estimate or auto, not {choice.ToString().ToLowerInvariant()}");
        var cpu = new CpuRating(tdpWatts is { } given ? new Power(given) : null, threads);
        if (cpu.ProblemFor(cpuModel) is { } problem)
            throw new InputException($"{(tdpWatts is null ? "--cpu-threads" : "--cpu-tdp-watts")}: {problem}");
        return (choice, cpu);
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
