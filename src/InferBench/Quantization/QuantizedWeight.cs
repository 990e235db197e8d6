namespace InferBench.Quantization;

/// <summary>
/// A MatMul weight W [K, N] quantized block-wise along K, laid out as com.microsoft MatMulNBits reads it:
/// W[k, n] ≈ (q[n, k] − zero point) × scale of block (n, k / block size).
/// </summary>
/// <param name="Packed">
/// [N, k blocks, block bytes]: column n's quantized values in K order, <see cref="Bits"/> each, the first of a byte in its
/// lowest bits; K is padded to whole blocks with values that dequantize to zero.
/// </param>
/// <param name="Scales">[N × k blocks], column by column.</param>
/// <param name="ZeroPoints">
/// Asymmetric only: [N, ⌈k blocks × bits / 8⌉], packed like <see cref="Packed"/> with each column starting on a byte.
/// Null when symmetric: MatMulNBits then takes 2^(bits−1) for every block.
/// </param>
public sealed record QuantizedWeight(int Bits, int BlockSizeElements, int K, int N, byte[] Packed, float[] Scales, byte[]? ZeroPoints)
{
    public int KBlocks => (K + BlockSizeElements - 1) / BlockSizeElements;

    public int BlockBytes => BlockSizeElements * Bits / 8;

    public int ZeroPointBytesPerColumn => (KBlocks * Bits + 7) / 8;
}
