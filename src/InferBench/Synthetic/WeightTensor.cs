namespace InferBench.Synthetic;

/// <summary>One float32 initializer of the synthetic model: its name, its dimensions and how its values are made.</summary>
public sealed record WeightTensor(string Name, IReadOnlyList<int> Dimensions, WeightInit Init)
{
    public long ElementCount => Dimensions.Aggregate(1L, (product, dimension) => product * dimension);

    public long ByteCount => ElementCount * sizeof(float);
}
