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
        if (bits is not (4 or 8))
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "MatMulNBits weights here are 4 or 8 bits");
        if (!IsValidBlockSize(blockSizeElements))
            throw new ArgumentOutOfRangeException(nameof(blockSizeElements), blockSizeElements, "MatMulNBits takes 16, 32, 64, 128 or 256");
        if (k < 1 || n < 1 || (long)k * n != weight.Length)
            throw new ArgumentException($"weight holds {weight.Length} values, not K {k} × N {n}", nameof(weight));
        var kBlocks = (k + blockSizeElements - 1) / blockSizeElements;
        var packed = new byte[(long)n * kBlocks * blockSizeElements * bits / 8];
        var scales = new float[n * kBlocks];
        var zeroPoints = symmetric ? null : new byte[n * kBlocks];
        var columnBytes = kBlocks * blockSizeElements * bits / 8;

        // Blocks are independent and write disjoint bytes; within a block, rows are walked in memory order.
        Parallel.For(0, kBlocks, block =>
        {
            var firstRow = block * blockSizeElements;
            var endRow = Math.Min(firstRow + blockSizeElements, k);
            var (min, max) = ColumnRanges(weight, n, firstRow, endRow);
            var reciprocals = new float[n];
            var offsets = new byte[n];
            for (var column = 0; column < n; column++)
            {
                var (scale, zeroPoint) = symmetric
                    ? SymmetricScale(min[column], max[column], bits)
                    : AsymmetricScale(min[column], max[column], bits);
                scales[column * kBlocks + block] = scale;
                if (zeroPoints is not null)
                    zeroPoints[column * kBlocks + block] = zeroPoint;
                reciprocals[column] = scale != 0 ? 1f / scale : 0f;
                offsets[column] = zeroPoint;
            }

            var maxLevel = (float)((1 << bits) - 1);
            for (var row = firstRow; row < firstRow + blockSizeElements; row++)
            {
                var bitOffset = (long)row * bits;
                for (var column = 0; column < n; column++)
                {
                    // Padding rows past K take the zero point, so they dequantize to exactly zero.
                    var q = row < k
                        ? (int)Math.Clamp(MathF.Round(weight[row * n + column] * reciprocals[column] + offsets[column], MidpointRounding.AwayFromZero), 0f, maxLevel)
                        : offsets[column];
                    packed[(long)column * columnBytes + bitOffset / 8] |= (byte)(q << (int)(bitOffset % 8));
                }
            }
        });

        return new QuantizedWeight(bits, blockSizeElements, k, n, packed, scales, zeroPoints is null ? null : PackZeroPoints(zeroPoints, n, kBlocks, bits));
    }

    /// <summary>What MatMulNBits accepts: 16, 32, 64, 128 or 256.</summary>
    public static bool IsValidBlockSize(int blockSizeElements) =>
        blockSizeElements is >= MinBlockSizeElements and <= MaxBlockSizeElements && BitOperations.IsPow2(blockSizeElements);

    private static (float[] Min, float[] Max) ColumnRanges(float[] weight, int n, int firstRow, int endRow)
    {
        var min = new float[n];
        var max = new float[n];
        Array.Fill(min, float.MaxValue);
        Array.Fill(max, float.MinValue);
        for (var row = firstRow; row < endRow; row++)
        {
            var values = weight.AsSpan(row * n, n);
            for (var column = 0; column < n; column++)
            {
                min[column] = Math.Min(min[column], values[column]);
                max[column] = Math.Max(max[column], values[column]);
            }
        }
        return (min, max);
    }

    private static (float Scale, byte ZeroPoint) SymmetricScale(float min, float max, int bits)
    {
        var middle = 1 << (bits - 1);
        var largest = MathF.Abs(max) > MathF.Abs(min) ? max : min;
        return (largest / -middle, (byte)middle);
    }

    private static (float Scale, byte ZeroPoint) AsymmetricScale(float min, float max, int bits)
    {
        var maxLevel = (1 << bits) - 1;
        min = Math.Min(min, 0f);
        max = Math.Max(max, 0f);
        var scale = (max - min) / maxLevel;
        var zeroPoint = scale != 0 ? Math.Clamp(MathF.Round(-min / scale, MidpointRounding.AwayFromZero), 0f, maxLevel) : 0f;
        return (scale, (byte)zeroPoint);
    }

    /// <summary>One zero point per block → <paramref name="bits"/> each, the first of a byte in its lowest bits, each column from a fresh byte.</summary>
    private static byte[] PackZeroPoints(byte[] zeroPoints, int n, int kBlocks, int bits)
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
