using System.Runtime.InteropServices;

namespace InferBench.Import;

/// <summary>
/// The rows of a checkpoint tensor held in memory at the width they are stored in (float32, or F16/BF16 as their bits):
/// a weight to transpose must be read whole, and a BF16 one so takes half the memory it would widened.
/// </summary>
internal sealed class StoredRows
{
    /// <summary>Values read from the file at a time (16 MiB of float32).</summary>
    private const int PieceElements = 1 << 22;
    private readonly RowRange _part;
    private readonly float[]? _floats;
    private readonly ushort[]? _halves;

    /// <exception cref="InputException">The rows hold more values than one array can.</exception>
    public StoredRows(RowRange part)
    {
        if (part.ElementCount > Array.MaxLength)
            throw new InputException($"{part.Tensor}: {part.ElementCount} values to transpose, more than one array holds ({Array.MaxLength})");
        _part = part;
        if (part.Tensor.DType == SafetensorsDType.F32)
            _floats = new float[part.ElementCount];
        else
            _halves = new ushort[part.ElementCount];
        for (long done = 0; done < part.ElementCount; done += PieceElements)
        {
            var count = (int)Math.Min(PieceElements, part.ElementCount - done);
            var bytes = _floats is not null
                ? MemoryMarshal.AsBytes(_floats.AsSpan((int)done, count))
                : MemoryMarshal.AsBytes(_halves.AsSpan((int)done, count));
            CheckpointWeights.ReadStored(part.Tensor, part.FirstElement + done, bytes);
        }
    }

    public long Rows => _part.Rows;

    /// <summary>Row <paramref name="row"/>'s values from <paramref name="firstColumn"/> on, widened into <paramref name="destination"/> (as many as it holds).</summary>
    public void Widen(long row, long firstColumn, Span<float> destination)
    {
        var start = (int)(row * _part.Columns + firstColumn);
        if (_floats is not null)
            _floats.AsSpan(start, destination.Length).CopyTo(destination);
        else
            CheckpointWeights.Widen(_part.Tensor.DType, _halves.AsSpan(start, destination.Length), destination);
    }
}
