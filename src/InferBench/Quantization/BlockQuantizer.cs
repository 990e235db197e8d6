using System.Numerics;

namespace InferBench.Quantization;

/// <summary>
/// Round-to-nearest block-wise quantization of a MatMul weight, with ONNX Runtime's own rules (MLAS
/// <c>range2scale</c>/<c>range2scalezp</c>, which its Python quantizer and GenAI's model builder call), so a model
/// quantized here holds the bytes theirs would.
/// </summary>
/// <remarks>
/// Symmetric: m is the block's value of largest magnitude, sign kept; scale = m / −2^(bits−1); q = round(v / scale) + 2^(bits−1)
/// clamped to [0, 2^bits − 1]. The grid reaches m exactly and stops one step short of −m, so values within a step of −m
/// clip by up to one scale; every other value is within half a scale.
/// Asymmetric: the range [min(min, 0), max(max, 0)] is split into 2^bits − 1 steps; zero point = round(−min / scale);
/// every value is within half a scale.
/// Rounding is half away from zero (C's roundf), applied to v × (1 / scale) + zero point as MLAS computes it.
/// </remarks>
public static class BlockQuantizer
{
    public const int MinBlockSizeElements = 16;
    /// <summary>ONNX Runtime 1.31's MatMulNBits refuses larger blocks at load ("Only block sizes 16, 32, 64, 128, and 256 are supported").</summary>
    public const int MaxBlockSizeElements = 256;

    /// <param name="weight">W [K, N], row-major, as MatMul's second input holds it.</param>
    /// <param name="bits">4 or 8.</param>
    /// <param name="blockSizeElements">See <see cref="IsValidBlockSize"/>.</param>
    public static QuantizedWeight Quantize(float[] weight, int k, int n, int bits, int blockSizeElements, bool symmetric)
    {
        if (k < 1 || n < 1 || (long)k * n != weight.Length)
            throw new ArgumentException($"weight holds {weight.Length} values, not K {k} × N {n}", nameof(weight));
        var quantizer = new StreamingBlockQuantizer(k, n, bits, blockSizeElements, symmetric);
        quantizer.AddRows(0, weight, k);
        return quantizer.Result();
    }

    /// <summary>What MatMulNBits accepts: 16, 32, 64, 128 or 256.</summary>
    public static bool IsValidBlockSize(int blockSizeElements) =>
        blockSizeElements is >= MinBlockSizeElements and <= MaxBlockSizeElements && BitOperations.IsPow2(blockSizeElements);

    internal static (float Scale, byte ZeroPoint) SymmetricScale(float min, float max, int bits)
    {
        var middle = 1 << (bits - 1);
        var largest = MathF.Abs(max) > MathF.Abs(min) ? max : min;
        return (largest / -middle, (byte)middle);
    }

    internal static (float Scale, byte ZeroPoint) AsymmetricScale(float min, float max, int bits)
    {
        var maxLevel = (1 << bits) - 1;
        min = Math.Min(min, 0f);
        max = Math.Max(max, 0f);
        var scale = (max - min) / maxLevel;
        var zeroPoint = scale != 0 ? Math.Clamp(MathF.Round(-min / scale, MidpointRounding.AwayFromZero), 0f, maxLevel) : 0f;
        return (scale, (byte)zeroPoint);
    }

    /// <summary>One zero point per block → <paramref name="bits"/> each, the first of a byte in its lowest bits, each column from a fresh byte.</summary>
    internal static byte[] PackZeroPoints(byte[] zeroPoints, int n, int kBlocks, int bits)
    {
        var bytesPerColumn = (kBlocks * bits + 7) / 8;
        var packed = new byte[n * bytesPerColumn];
        for (var column = 0; column < n; column++)
            for (var block = 0; block < kBlocks; block++)
            {
                var bitOffset = block * bits;
                packed[column * bytesPerColumn + bitOffset / 8] |= (byte)(zeroPoints[column * kBlocks + block] << (bitOffset % 8));
            }
        return packed;
    }
}
