using InferBench.Quantization;

namespace InferBench.Tests.Quantization;

public sealed class BlockQuantizerTests
{
    /// <summary>Random blocks of every kind: spread over zero, all positive, all negative, constant, all zero, one outlier.</summary>
    private static float[] Weights(int k, int n, int seed)
    {
        var random = new Random(seed);
        var weights = new float[k * n];
        for (var column = 0; column < n; column++)
        {
            var (center, spread) = (column % 6) switch
            {
                0 => (0.0, 1.0),
                1 => (3.0, 1.0),
                2 => (-2.0, 0.5),
                3 => (0.7, 0.0),
                4 => (0.0, 0.0),
                _ => (0.0, 0.01),
            };
            for (var row = 0; row < k; row++)
                weights[row * n + column] = (float)(center + spread * (2 * random.NextDouble() - 1));
            if (column % 6 == 5)
            {
                // The outlier sets m; its near-opposite lies beyond the symmetric grid's short end.
                weights[(k / 2) * n + column] = 5f;
                weights[(k / 2 + 1) * n + column] = -4.99f;
            }
        }
        return weights;
    }

    [Theory]
    [InlineData(4, 16, 100, 13)]
    [InlineData(4, 32, 100, 13)]
    [InlineData(4, 32, 64, 7)]
    [InlineData(8, 16, 100, 13)]
    [InlineData(8, 64, 100, 13)]
    [InlineData(8, 32, 33, 6)]
    public void Asymmetric_round_trip_is_within_half_a_scale_everywhere(int bits, int blockSize, int k, int n)
    {
        var weights = Weights(k, n, seed: bits * 1000 + k);

        var quantized = BlockQuantizer.Quantize(weights, k, n, bits, blockSize, symmetric: false);

        var restored = ReferenceDequantizer.Dequantize(quantized);
        for (var row = 0; row < k; row++)
            for (var column = 0; column < n; column++)
            {
                var i = row * n + column;
                var scale = ReferenceDequantizer.Scale(quantized, row, column);
                Assert.True(Math.Abs(restored[i] - weights[i]) <= HalfStep(scale),
                    $"W[{row}, {column}] = {weights[i]} came back as {restored[i]}; scale {scale}");
            }
    }

    /// <summary>
    /// The symmetric grid runs from m (the block's largest-magnitude value) to −m × (2^(bits−1) − 1) / 2^(bits−1): values within
    /// it are within half a scale; values of the other sign beyond its end clip, by at most one scale.
    /// </summary>
    [Theory]
    [InlineData(4, 16, 100, 13)]
    [InlineData(4, 32, 100, 13)]
    [InlineData(8, 16, 100, 13)]
    [InlineData(8, 32, 33, 6)]
    public void Symmetric_round_trip_is_within_half_a_scale_except_where_the_grid_ends_short_of_minus_m(int bits, int blockSize, int k, int n)
    {
        var weights = Weights(k, n, seed: bits * 2000 + k);
        var middle = 1 << (bits - 1);

        var quantized = BlockQuantizer.Quantize(weights, k, n, bits, blockSize, symmetric: true);

        Assert.Null(quantized.ZeroPoints);
        var restored = ReferenceDequantizer.Dequantize(quantized);
        var clipped = 0;
        for (var row = 0; row < k; row++)
            for (var column = 0; column < n; column++)
            {
                var i = row * n + column;
                var scale = (double)ReferenceDequantizer.Scale(quantized, row, column);
                var gridEnd = scale * (middle - 1); // q − zero point runs from −2^(bits−1) (giving m) to 2^(bits−1) − 1
                var beyondGrid = scale != 0 && Math.Sign(weights[i]) == Math.Sign(gridEnd) && Math.Abs(weights[i]) > Math.Abs(gridEnd);
                clipped += beyondGrid ? 1 : 0;
                var bound = beyondGrid ? 2 * HalfStep(scale) : HalfStep(scale);
                Assert.True(Math.Abs(restored[i] - weights[i]) <= bound,
                    $"W[{row}, {column}] = {weights[i]} came back as {restored[i]}; scale {scale}, beyond the grid: {beyondGrid}");
            }
        Assert.True(clipped > 0, "the data should reach the clipped end of some block, or the test proves less than it says");
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(4, false)]
    [InlineData(8, true)]
    [InlineData(8, false)]
    public void Zeros_and_the_padding_past_K_dequantize_to_exactly_zero(int bits, bool symmetric)
    {
        const int k = 40, n = 5, blockSize = 32;
        var weights = Weights(k, n, seed: 3);
        weights[7 * n + 1] = 0f;

        var quantized = BlockQuantizer.Quantize(weights, k, n, bits, blockSize, symmetric);

        var padded = ReferenceDequantizer.Dequantize(quantized, rows: quantized.KBlocks * blockSize);
        Assert.Equal(0.0, padded[7 * n + 1]);
        Assert.All(padded.Skip(k * n), value => Assert.Equal(0.0, value));
        Assert.All(Enumerable.Range(0, k).Select(row => padded[row * n + 4]), value => Assert.Equal(0.0, value)); // the all-zero column
    }

    /// <summary>Pins the layout by hand: 16 values on the grid −1, −0.875, …, 0.875 become q = 0 … 15, two to a byte, low nibble first.</summary>
    [Fact]
    public void Four_bit_symmetric_bytes_match_the_schema_by_hand()
    {
        var weights = Enumerable.Range(0, 16).Select(k => (k - 8) * 0.125f).ToArray();

        var quantized = BlockQuantizer.Quantize(weights, k: 16, n: 1, bits: 4, blockSizeElements: 16, symmetric: true);

        Assert.Equal(new byte[] { 0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE }, quantized.Packed);
        Assert.Equal(new[] { 0.125f }, quantized.Scales); // m = −1, the largest magnitude; scale = m / −8
    }

    /// <summary>Two blocks per column, asymmetric: zero points 4 bits each, block 0 in the low nibble, each column from a new byte.</summary>
    [Fact]
    public void Four_bit_zero_points_pack_two_blocks_to_a_byte_per_column()
    {
        // Column 0: block 0 spans [−1, 14] (zero point round(1 / 1) = 1), block 1 spans [0, 15] (zero point 0).
        // Column 1: block 0 spans [−15, 0] (zero point 15), block 1 spans [−3, 12] (zero point 3).
        const int k = 32, n = 2;
        var weights = new float[k * n];
        for (var row = 0; row < 16; row++)
        {
            weights[row * n] = row - 1;
            weights[(16 + row) * n] = row;
            weights[row * n + 1] = -row;
            weights[(16 + row) * n + 1] = row - 3;
        }

        var quantized = BlockQuantizer.Quantize(weights, k, n, bits: 4, blockSizeElements: 16, symmetric: false);

        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, quantized.Scales);
        Assert.Equal(new byte[] { 0x01, 0x3F }, quantized.ZeroPoints);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(0)]
    [InlineData(512)]
    public void Block_sizes_other_than_16_to_256_in_powers_of_two_are_refused(int blockSize)
    {
        Assert.False(BlockQuantizer.IsValidBlockSize(blockSize));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockQuantizer.Quantize(new float[64], 16, 4, 4, blockSize, symmetric: true));
    }

    /// <summary>Half a step, plus the float rounding of v × (1 / scale) that the quantizer computes in single precision.</summary>
    private static double HalfStep(double scale) => Math.Abs(scale) * (0.5 + 1e-5);
}
