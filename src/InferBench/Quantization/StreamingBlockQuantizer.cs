namespace InferBench.Quantization;

/// <summary>
/// <see cref="BlockQuantizer"/>'s quantization fed a piece at a time, so a weight larger than memory allows as float32
/// (an lm_head of 128 k × 3 k is 1.6 GB) is never held whole: only its packed bytes, 1/8 (int4) or 1/4 (int8) of that.
/// Pieces are whole blocks of rows of W [K, N] (<see cref="AddRows"/>), as a MatMul weight is stored, or whole columns
/// (<see cref="AddColumns"/>), as a tied embedding table [N, K] stores its transpose; blocks are quantized in parallel.
/// </summary>
internal sealed class StreamingBlockQuantizer
{
    private readonly int _k, _n, _bits, _blockSize, _kBlocks, _columnBytes;
    private readonly bool _symmetric;
    private readonly byte[] _packed;
    private readonly float[] _scales;
    private readonly byte[]? _zeroPoints;

    /// <exception cref="ArgumentOutOfRangeException">Bits other than 4 or 8, or a block size MatMulNBits does not take.</exception>
    public StreamingBlockQuantizer(int k, int n, int bits, int blockSizeElements, bool symmetric)
    {
        if (bits is not (4 or 8))
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "MatMulNBits weights here are 4 or 8 bits");
        if (!BlockQuantizer.IsValidBlockSize(blockSizeElements))
            throw new ArgumentOutOfRangeException(nameof(blockSizeElements), blockSizeElements, "MatMulNBits takes 16, 32, 64, 128 or 256");
        if (k < 1 || n < 1)
            throw new ArgumentOutOfRangeException(nameof(k), $"K {k} × N {n}: both must be at least 1");
        (_k, _n, _bits, _blockSize, _symmetric) = (k, n, bits, blockSizeElements, symmetric);
        _kBlocks = (k + blockSizeElements - 1) / blockSizeElements;
        _columnBytes = _kBlocks * blockSizeElements * bits / 8;
        _packed = new byte[(long)n * _columnBytes];
        _scales = new float[(long)n * _kBlocks];
        _zeroPoints = symmetric ? null : new byte[(long)n * _kBlocks];
    }

    /// <summary>Rows a piece of <see cref="AddRows"/> should hold to be about <paramref name="elements"/> values: whole blocks.</summary>
    public int RowsPerPiece(int elements) => Math.Min(_k, Math.Max(1, elements / _n / _blockSize) * _blockSize);

    /// <param name="firstRow">A multiple of the block size.</param>
    /// <param name="rows">Rows [firstRow, firstRow + rowCount) of W, row-major, N values each.</param>
    /// <param name="rowCount">Whole blocks, or up to K.</param>
    public void AddRows(int firstRow, float[] rows, int rowCount)
    {
        if (firstRow % _blockSize != 0 || rowCount < 1 || (rowCount % _blockSize != 0 && firstRow + rowCount != _k) || firstRow + rowCount > _k)
            throw new ArgumentException($"rows {firstRow} to {firstRow + rowCount} are not whole blocks of {_blockSize} within K {_k}", nameof(rowCount));
        var blocks = (rowCount + _blockSize - 1) / _blockSize;
        // Blocks are independent and write disjoint bytes; within a block, rows are walked in memory order.
        Parallel.For(0, blocks, index =>
        {
            var block = firstRow / _blockSize + index;
            var endRow = Math.Min((block + 1) * _blockSize, _k) - firstRow;
            var startRow = index * _blockSize;
            var (min, max) = ColumnRanges(rows, startRow, endRow);
            var reciprocals = new float[_n];
            var offsets = new byte[_n];
            for (var column = 0; column < _n; column++)
                (reciprocals[column], offsets[column]) = SetScale(column, block, min[column], max[column]);

            var maxLevel = (float)((1 << _bits) - 1);
            for (var row = startRow; row < startRow + _blockSize; row++)
            {
                var bitOffset = (long)(firstRow + row) * _bits;
                for (var column = 0; column < _n; column++)
                {
                    // Padding rows past K take the zero point, so they dequantize to exactly zero.
                    var q = row < endRow
                        ? (int)Math.Clamp(MathF.Round(rows[(long)row * _n + column] * reciprocals[column] + offsets[column], MidpointRounding.AwayFromZero), 0f, maxLevel)
                        : offsets[column];
                    _packed[(long)column * _columnBytes + bitOffset / 8] |= (byte)(q << (int)(bitOffset % 8));
                }
            }
        });
    }

    /// <param name="firstColumn">The first column of W held.</param>
    /// <param name="columns">Columns [firstColumn, firstColumn + columnCount) of W, K values each: rows of Wᵀ.</param>
    public void AddColumns(int firstColumn, float[] columns, int columnCount)
    {
        if (firstColumn < 0 || columnCount < 1 || firstColumn + columnCount > _n)
            throw new ArgumentException($"columns {firstColumn} to {firstColumn + columnCount} are not within N {_n}", nameof(columnCount));
        var maxLevel = (float)((1 << _bits) - 1);
        Parallel.For(0, columnCount, index =>
        {
            var column = firstColumn + index;
            var values = columns.AsSpan((int)((long)index * _k), _k);
            for (var block = 0; block < _kBlocks; block++)
            {
                var first = block * _blockSize;
                var inBlock = values[first..Math.Min(first + _blockSize, _k)];
                var (min, max) = (float.MaxValue, float.MinValue);
                foreach (var value in inBlock)
                    (min, max) = (Math.Min(min, value), Math.Max(max, value));
                var (reciprocal, offset) = SetScale(column, block, min, max);
                for (var i = 0; i < _blockSize; i++)
                {
                    var q = i < inBlock.Length
                        ? (int)Math.Clamp(MathF.Round(inBlock[i] * reciprocal + offset, MidpointRounding.AwayFromZero), 0f, maxLevel)
                        : offset;
                    var bitOffset = (long)(first + i) * _bits;
                    _packed[(long)column * _columnBytes + bitOffset / 8] |= (byte)(q << (int)(bitOffset % 8));
                }
            }
        });
    }

    /// <summary>The weight as quantized so far: call once every row (or column) was added.</summary>
    public QuantizedWeight Result() => new(_bits, _blockSize, _k, _n, _packed, _scales,
        _zeroPoints is null ? null : BlockQuantizer.PackZeroPoints(_zeroPoints, _n, _kBlocks, _bits));

    private (float Reciprocal, byte Offset) SetScale(int column, int block, float min, float max)
    {
        var (scale, zeroPoint) = _symmetric
            ? BlockQuantizer.SymmetricScale(min, max, _bits)
            : BlockQuantizer.AsymmetricScale(min, max, _bits);
        _scales[(long)column * _kBlocks + block] = scale;
        if (_zeroPoints is not null)
            _zeroPoints[(long)column * _kBlocks + block] = zeroPoint;
        return (scale != 0 ? 1f / scale : 0f, zeroPoint);
    }

    private (float[] Min, float[] Max) ColumnRanges(float[] rows, int startRow, int endRow)
    {
        var min = new float[_n];
        var max = new float[_n];
        Array.Fill(min, float.MaxValue);
        Array.Fill(max, float.MinValue);
        for (var row = startRow; row < endRow; row++)
        {
            var values = rows.AsSpan((int)((long)row * _n), _n);
            for (var column = 0; column < _n; column++)
            {
                min[column] = Math.Min(min[column], values[column]);
                max[column] = Math.Max(max[column], values[column]);
            }
        }
        return (min, max);
    }
}
