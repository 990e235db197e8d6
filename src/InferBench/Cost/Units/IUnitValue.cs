namespace InferBench.Cost.Units;

/// <summary>A quantity held as one number in a fixed unit, which the type's name states; its JSON form is that number.</summary>
public interface IUnitValue<TSelf> where TSelf : struct, IUnitValue<TSelf>
{
    double Value { get; }

    static abstract TSelf FromValue(double value);
}
