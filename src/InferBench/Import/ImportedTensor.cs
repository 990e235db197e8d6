namespace InferBench.Import;

/// <summary>
/// One initializer of the imported model: its name as GenAI's builder names it, its dimensions, and how its values are
/// made from the checkpoint, in row-major order, a piece at a time.
/// </summary>
/// <param name="Write">Hands every value to the sink, in order, in pieces; holds at most the tensor's sources at once.</param>
internal sealed record ImportedTensor(string Name, IReadOnlyList<long> Dimensions, Action<Action<ReadOnlySpan<float>>> Write)
{
    /// <summary>Values handed on at a time when streaming (16 MiB of float32).</summary>
    private const int PieceElements = 1 << 22;

    public long ElementCount => Dimensions.Aggregate(1L, (product, dimension) => product * dimension);

    /// <summary>The checkpoint rows one after the other, as they are: [Σ rows, columns] (or 1-D when they are 1-D).</summary>
    public static ImportedTensor Concatenated(string name, IReadOnlyList<long> dimensions, IReadOnlyList<RowRange> parts) => new(name, dimensions, sink =>
    {
        var buffer = new float[(int)Math.Min(PieceElements, parts.Max(part => part.ElementCount))];
        foreach (var part in parts)
            for (long done = 0; done < part.ElementCount;)
            {
                var piece = buffer.AsSpan(0, (int)Math.Min(buffer.Length, part.ElementCount - done));
                CheckpointWeights.Read(part.Tensor, part.FirstElement + done, piece);
                sink(piece);
                done += piece.Length;
            }
    });

    /// <summary>
    /// The transpose of the checkpoint rows stacked one after the other: Hugging Face's Linear weight is [out, in], MatMul's
    /// B is [in, out]; stacking q, k and v (or taking half of gate_up) first gives the builder's packed and unpacked weights.
    /// </summary>
    public static ImportedTensor Transposed(string name, IReadOnlyList<RowRange> parts)
    {
        var columns = parts[0].Columns;
        var rows = parts.Sum(part => part.Rows);
        return new ImportedTensor(name, [columns, rows], sink =>
        {
            var sources = parts.Select(part => new StoredRows(part)).ToArray();
            var outputRowsPerPiece = (int)Math.Clamp(PieceElements / rows, 1, columns);
            var buffer = new float[checked((int)(outputRowsPerPiece * rows))];
            var rowPiece = new float[outputRowsPerPiece];
            for (long firstColumn = 0; firstColumn < columns; firstColumn += outputRowsPerPiece)
            {
                var pieceRows = (int)Math.Min(outputRowsPerPiece, columns - firstColumn);
                var outputColumn = 0L;
                foreach (var source in sources)
                    for (long r = 0; r < source.Rows; r++, outputColumn++)
                    {
                        source.Widen(r, firstColumn, rowPiece.AsSpan(0, pieceRows));
                        for (var c = 0; c < pieceRows; c++)
                            buffer[c * rows + outputColumn] = rowPiece[c];
                    }
                sink(buffer.AsSpan(0, (int)(pieceRows * rows)));
            }
        });
    }

    /// <summary>Values computed whole (the rotary tables).</summary>
    public static ImportedTensor Computed(string name, IReadOnlyList<long> dimensions, Func<float[]> values) =>
        new(name, dimensions, sink => sink(values()));
}
