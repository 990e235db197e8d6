using InferBench.Quantization;

namespace InferBench.Tests.Quantization;

/// <summary>
/// com.microsoft MatMulNBits' dequantization, written from the operator's schema rather than from the quantizer:
/// W[k, n] = (q − zero point) × scale, with q the bits-wide value at bit k × bits of column n's packed bytes
/// (lowest bits first), the zero point 2^(bits−1) when there are none.
/// </summary>
public static class ReferenceDequantizer
{
    /// <returns>W [K, N], row-major, in double.</returns>
    public static double[] Dequantize(QuantizedWeight weight) => Dequantize(weight, weight.K);

    /// <param name="rows">K, or the padded K (k blocks × block size) to see the padding too.</param>
    public static double[] Dequantize(QuantizedWeight weight, int rows)
    {
        var (bits, n, kBlocks) = (weight.Bits, weight.N, weight.KBlocks);
        var columnBytes = kBlocks * weight.BlockBytes;
        var values = new double[rows * n];
        for (var column = 0; column < n; column++)
            for (var row = 0; row < rows; row++)
            {
                var block = row / weight.BlockSizeElements;
                var q = Bits(weight.Packed, (long)column * columnBytes, row, bits);
                var zeroPoint = weight.ZeroPoints is null
                    ? 1 << (bits - 1)
                    : Bits(weight.ZeroPoints, column * weight.ZeroPointBytesPerColumn, block, bits);
                values[row * n + column] = (q - zeroPoint) * (double)weight.Scales[column * kBlocks + block];
            }
        return values;
    }

    /// <summary>The scale of the block holding W[row, column].</summary>
    public static float Scale(QuantizedWeight weight, int row, int column) => weight.Scales[column * weight.KBlocks + row / weight.BlockSizeElements];

    private static int Bits(byte[] bytes, long start, int index, int bits)
    {
        var bitOffset = (long)index * bits;
        return (bytes[start + bitOffset / 8] >> (int)(bitOffset % 8)) & ((1 << bits) - 1);
    }
}
