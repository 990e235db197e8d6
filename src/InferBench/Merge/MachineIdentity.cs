using System.Text.Json.Serialization;
using InferBench.Results;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Merge;

/// <summary>
/// Which machine a run ran on, from run.json's host facts: the cloud instance type when known, the GPU model, count and
/// driver, and the CPU with its logical cores. Runs with equal identities ran on the same kind of machine.
/// </summary>
/// <param name="GpuModel">The GPU name; several different ones joined with " + "; null without a GPU.</param>
/// <param name="GpuDriver">The driver version(s) of those GPUs; null when unknown or without a GPU.</param>
public sealed record MachineIdentity(
    string? CloudProvider,
    string? InstanceType,
    string? GpuModel,
    int GpuCount,
    string? GpuDriver,
    string CpuModel,
    int LogicalCores)
{
    public static MachineIdentity Of(HostFacts host) => new(
        host.Cloud?.Provider,
        host.Cloud?.InstanceType,
        Joined(host.Gpus.Select(gpu => gpu.Name)),
        host.Gpus.Count,
        Joined(host.Gpus.Select(gpu => gpu.DriverVersion).OfType<string>()),
        host.CpuModel,
        host.LogicalCores);

    /// <summary>The short name: the cloud instance type, else the GPUs, else the CPU: "aws p5.48xlarge", "1x NVIDIA L4".</summary>
    [JsonIgnore] public string ShortLabel => InstanceType is not null
        ? $"{CloudProvider} {InstanceType}"
        : GpuModel is not null ? Gpus : Cpu;

    /// <summary>Every fact of the identity, so two different machines never read alike.</summary>
    [JsonIgnore] public string Description
    {
        get
        {
            var cloud = InstanceType is null ? "" : $"{CloudProvider} {InstanceType}, ";
            var gpus = GpuModel is null ? "no GPU" : Gpus + (GpuDriver is null ? "" : $" (driver {GpuDriver})");
            return $"{cloud}{gpus}, {Cpu}";
        }
    }

    private string Gpus => $"{Integer(GpuCount)}x {GpuModel}";

    private string Cpu => $"{CpuModel} ({Integer(LogicalCores)} logical cores)";

    private static string? Joined(IEnumerable<string> values) =>
        values.Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } distinct ? string.Join(" + ", distinct) : null;
}
