using System.CommandLine;
using InferBench.Telemetry.Power;

namespace InferBench.Cli;

/// <summary>The --power, --cpu-tdp-watts and --cpu-threads options, shared by every command that measures energy.</summary>
public sealed class PowerChoiceOptions
{
    public Option<string> Source { get; } = CreateSourceOption();

    public Option<double?> CpuTdpWatts { get; } = NumberOption.Create("--cpu-tdp-watts",
        "The whole CPU chip's TDP for the estimate, which charges it per hardware thread (default: the TDP table; " +
        "for a chip not in it, the median watts per thread of the table's server chips)", PowerInputs.CpuTdpWatts);

    public Option<int?> CpuThreads { get; } = IntOption.CreateOptional("--cpu-threads",
        "The whole CPU chip's hardware threads (not the ones a VM sees; at least this machine's logical cores), which share --cpu-tdp-watts (default: the TDP table)",
        PowerInputs.CpuThreads);

    public IEnumerable<Option> All => [Source, CpuTdpWatts, CpuThreads];

    /// <exception cref="InputException">A TDP or thread count given for a source that does not use it, out of its range,
    /// or that cannot rate <paramref name="cpuModel"/> (a TDP for a chip the table lacks, without its threads).</exception>
    public (PowerSourceChoice Choice, CpuRating Cpu) Read(ParseResult parseResult, string cpuModel)
    {
        // --power accepts only the choices' names, so the name is always found.
        var choice = JsonEnumName.Find<PowerSourceChoice>(parseResult.GetValue(Source)!)!.Value;
        var tdpWatts = parseResult.GetValue(CpuTdpWatts);
        var threads = parseResult.GetValue(CpuThreads);
        foreach (var (name, present) in new[] { ("--cpu-tdp-watts", tdpWatts is not null), ("--cpu-threads", threads is not null) })
            if (present && choice is not (PowerSourceChoice.Auto or PowerSourceChoice.Estimate))
                throw new InputException($"{name}: applies to --power estimate or auto, not {JsonEnumName.Of(choice)}");
        // The rating checks both against their ranges (the TDP's option has already; the thread count's parses only).
        var cpu = new CpuRating(tdpWatts is { } watts ? new Power(watts) : null, threads);
        if (cpu.ProblemFor(cpuModel, Environment.ProcessorCount) is { } problem)
            throw problem;
        return (choice, cpu);
    }

    private static Option<string> CreateSourceOption()
    {
        var option = new Option<string>("--power")
        {
            Description = "Which source: auto (NVML for GPU runs, else RAPL, else the estimate), nvml, rapl, estimate, or none",
            DefaultValueFactory = _ => JsonEnumName.Of(PowerSourceChoice.Auto),
        };
        option.AcceptOnlyFromAmong(JsonEnumName.All<PowerSourceChoice>());
        return option;
    }
}
