using System.Globalization;

namespace InferBench.Telemetry.Power.Nvml;

/// <summary>
/// Reads CUDA_VISIBLE_DEVICES the way CUDA does: a comma-separated list of indices or GPU UUIDs (a unique prefix
/// is enough), where the first entry that names no GPU hides itself and everything after it.
/// </summary>
public static class CudaVisibleDevices
{
    /// <param name="value">CUDA_VISIBLE_DEVICES; null when unset, which shows every GPU.</param>
    /// <param name="deviceOrder">CUDA_DEVICE_ORDER; only PCI_BUS_ID makes CUDA's indices NVML's.</param>
    /// <param name="uuids">UUIDs of all GPUs, in NVML order ("GPU-…").</param>
    public static CudaDeviceSelection Select(string? value, string? deviceOrder, IReadOnlyList<string> uuids)
    {
        if (value is null)
            return new CudaDeviceSelection(Enumerable.Range(0, uuids.Count).ToArray(), []);

        var chosen = new List<int>();
        var notes = new List<string>();
        var byIndex = false;
        foreach (var entry in value.Split(',').Select(e => e.Trim()))
        {
            var index = Resolve(entry, uuids, out var isIndex);
            byIndex |= isIndex;
            if (index is null || chosen.Contains(index.Value))
            {
                notes.Add(Unresolved(entry, value, uuids.Count));
                break;
            }
            chosen.Add(index.Value);
        }
        if (byIndex && uuids.Count > 1 && deviceOrder != "PCI_BUS_ID")
            notes.Add("CUDA_VISIBLE_DEVICES indices are read in NVML's PCI bus order, but CUDA numbers the fastest GPU " +
                      "first unless CUDA_DEVICE_ORDER=PCI_BUS_ID: set that, or name GPUs by UUID, so both agree");
        return new CudaDeviceSelection(chosen, notes);
    }

    private static int? Resolve(string entry, IReadOnlyList<string> uuids, out bool isIndex)
    {
        isIndex = int.TryParse(entry, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index);
        if (isIndex)
            return index >= 0 && index < uuids.Count ? index : null;
        if (!entry.StartsWith("GPU-", StringComparison.OrdinalIgnoreCase))
            return null;
        var matches = Enumerable.Range(0, uuids.Count)
            .Where(i => uuids[i].StartsWith(entry, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        return matches.Length == 1 ? matches[0] : null;
    }

    private static string Unresolved(string entry, string value, int gpus) =>
        entry.StartsWith("MIG-", StringComparison.OrdinalIgnoreCase)
            ? $"CUDA_VISIBLE_DEVICES entry \"{entry}\" is a MIG instance: NVML measures whole GPUs, so name the GPU's UUID instead"
            : $"CUDA_VISIBLE_DEVICES=\"{value}\": \"{entry}\" names none of the {gpus} GPUs here (or one already named), " +
              "so CUDA ignores it and every entry after it";
}
