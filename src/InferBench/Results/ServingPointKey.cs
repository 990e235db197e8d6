namespace InferBench.Results;

/// <summary>What makes serving points of different runs the same measurement: model, variant, precision, EP and load.</summary>
public sealed record ServingPointKey(string Model, string Variant, string Precision, string ExecutionProvider, ServingLoad Load)
{
    public static ServingPointKey Of(ServingPointResult point) =>
        new(point.Model, point.Variant, point.Precision, point.ExecutionProvider, point.Load);
}
