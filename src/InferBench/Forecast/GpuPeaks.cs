using InferBench.Cost.Catalog;

namespace InferBench.Forecast;

/// <summary>
/// A catalog GPU's peak rates per precision: fp16/bf16 at the dense tensor rate; int8 and fp8 at the dense INT8 rate
/// (the fp16 rate where the GPU has none), the rate of engines that run INT8 GEMMs (ONNX Runtime's weight-only int8
/// multiplies in fp16: <see cref="HostPeaks.PeakFlopsPerSecond(string, bool)"/>); int4 at the fp16 rate (4-bit weights
/// are dequantized to fp16 for their GEMMs); fp32 at the TF32 tensor rate, half the fp16 rate, on Ampere and later
/// (ONNX Runtime's CUDA provider uses TF32 for fp32 MatMul by default), or the catalog's fp32 rate on a GPU without
/// TF32 (<see cref="GpuSpecs.PeakFp32Tflops"/>).
/// </summary>
public static class GpuPeaks
{
    /// <param name="field">The input that named <paramref name="gpu"/>, which the error names.</param>
    /// <exception cref="InputFieldException">The entry has no datasheet specs.</exception>
    public static HostPeaks Of(GpuEntry gpu, string field)
    {
        var specs = gpu.Specs ?? throw new InputFieldException([field], $"catalog GPU \"{gpu.Id}\" has no datasheet specs (memory bandwidth, board power){(gpu.Note is { } note ? $": {note}" : "")}");
        var fp16 = gpu.PeakDenseTflops * 1e12;
        var int8 = (specs.PeakDenseInt8Tops ?? gpu.PeakDenseTflops) * 1e12;
        var fp32 = specs.PeakFp32Tflops is { } fp32Tflops ? fp32Tflops * 1e12 : fp16 / 2;
        return new HostPeaks(gpu.Description, HostPeaks.GpuKind, specs.MemoryBandwidthGBps * 1e9,
            new Dictionary<string, double> { ["fp32"] = fp32, ["fp16"] = fp16, ["bf16"] = fp16, ["int8"] = int8, ["fp8"] = int8, ["int4"] = fp16 },
            $"catalog: {gpu.Source} ({gpu.AsOf}, {JsonEnumName.Of(gpu.Provenance)}); {specs.Source} ({specs.AsOf}, {JsonEnumName.Of(specs.Provenance)})");
    }
}
