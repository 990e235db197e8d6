namespace InferBench.Forecast;

/// <summary>
/// A fitted parameter, or why the points cannot identify it: then <see cref="Value"/> is null, never a guess, and
/// <see cref="LowerBound"/> says what the points do show where they bound it from one side.
/// </summary>
public sealed record FittedParameter(double? Value, bool Identified, double? LowerBound = null, string? Note = null)
{
    public static FittedParameter NotIdentified(string note, double? lowerBound = null) => new(null, false, lowerBound, note);
}
