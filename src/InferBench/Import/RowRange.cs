namespace InferBench.Import;

/// <summary>Rows [<see cref="FirstRow"/>, FirstRow + <see cref="Rows"/>) of a 2-D checkpoint tensor, or all of a 1-D one (one row).</summary>
public sealed record RowRange(SafetensorsTensor Tensor, long FirstRow, long Rows)
{
    public static RowRange All(SafetensorsTensor tensor) => tensor.Shape.Count == 1
        ? new RowRange(tensor, 0, 1)
        : new RowRange(tensor, 0, tensor.Shape[0]);

    public long Columns => Tensor.Shape.Count == 1 ? Tensor.Shape[0] : Tensor.Shape[1];

    public long ElementCount => Rows * Columns;

    public long FirstElement => FirstRow * Columns;
}
