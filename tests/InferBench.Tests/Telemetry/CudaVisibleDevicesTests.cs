using InferBench.Telemetry.Power.Nvml;

namespace InferBench.Tests.Telemetry;

public sealed class CudaVisibleDevicesTests
{
    private static readonly string[] Uuids = ["GPU-1a2b3c4d-0000", "GPU-1a2b9999-0000", "GPU-77777777-0000"];

    [Theory]
    [InlineData(null, new[] { 0, 1, 2 })]
    [InlineData("2,0", new[] { 2, 0 })]
    [InlineData(" 1 ", new[] { 1 })]
    [InlineData("GPU-7777", new[] { 2 })]
    [InlineData("GPU-1a2b9,0", new[] { 1, 0 })]
    [InlineData("0,5,1", new[] { 0 })]
    [InlineData("0,0,1", new[] { 0 })]
    [InlineData("GPU-1a2b,2", new int[0])]
    [InlineData("", new int[0])]
    [InlineData("-1", new int[0])]
    public void Entries_are_read_as_cuda_reads_them(string? value, int[] expected)
    {
        var selection = CudaVisibleDevices.Select(value, "PCI_BUS_ID", Uuids);

        Assert.Equal(expected, selection.NvmlIndices);
    }

    [Fact]
    public void An_entry_naming_no_gpu_is_explained()
    {
        var selection = CudaVisibleDevices.Select("0,5,1", "PCI_BUS_ID", Uuids);

        Assert.Equal(["CUDA_VISIBLE_DEVICES=\"0,5,1\": \"5\" names none of the 3 GPUs here (or one already named), so CUDA ignores it and every entry after it"],
            selection.Notes);
    }

    [Fact]
    public void A_mig_instance_is_explained()
    {
        var selection = CudaVisibleDevices.Select("MIG-4f1e0000", "PCI_BUS_ID", Uuids);

        Assert.Empty(selection.NvmlIndices);
        Assert.Equal(["CUDA_VISIBLE_DEVICES entry \"MIG-4f1e0000\" is a MIG instance: NVML measures whole GPUs, so name the GPU's UUID instead"],
            selection.Notes);
    }

    [Theory]
    [InlineData("1", null, true)]
    [InlineData("1", "FASTEST_FIRST", true)]
    [InlineData("1", "PCI_BUS_ID", false)]
    [InlineData("GPU-7777", null, false)]
    public void Indices_without_pci_bus_order_are_warned_about(string value, string? order, bool warned)
    {
        var selection = CudaVisibleDevices.Select(value, order, Uuids);

        Assert.Equal(warned, selection.Notes.Any(n => n.Contains("CUDA_DEVICE_ORDER=PCI_BUS_ID", StringComparison.Ordinal)));
    }
}
