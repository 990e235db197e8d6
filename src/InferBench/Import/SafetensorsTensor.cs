namespace InferBench.Import;

/// <summary>One tensor of a safetensors file: where its bytes are (absolute offsets in <see cref="FilePath"/>), its type and shape.</summary>
public sealed record SafetensorsTensor(string Name, string FilePath, SafetensorsDType DType, IReadOnlyList<long> Shape, long OffsetBytes)
{
    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => product * dimension);

    public int ElementBytes => DType == SafetensorsDType.F32 ? 4 : 2;

    public long LengthBytes => ElementCount * ElementBytes;

    public override string ToString() => $"{Name} ({DType} [{string.Join(", ", Shape)}] in {Path.GetFileName(FilePath)})";
}
