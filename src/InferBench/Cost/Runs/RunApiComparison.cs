using InferBench.Cost.Citations;
using InferBench.Cost.Model;
using InferBench.Cost.Units;

namespace InferBench.Cost.Runs;

/// <summary>
/// <c>cost --run --api</c>: the API to compare with and the token mix given on the command line, if one was. A serving point
/// knows its own mix (its input tokens per output token, measured in the run), which the API is priced at unless a mix
/// was given; a static row knows none and is compared only at a given one.
/// </summary>
/// <param name="Name">The catalog id of the API, or a description of prices given on the command line.</param>
/// <param name="GivenMix">The mix given on the command line; null: none.</param>
public sealed record RunApiComparison(string Name, Cited<ApiPrice> Price, Cited<TokenMix>? GivenMix)
{
    /// <summary>A static row's comparison: at the given mix; null without one.</summary>
    public ApiComparison? ForRow() => GivenMix is { } mix ? new(Name, Price, mix) : null;

    /// <summary>A serving point's comparison: at the given mix, else at <paramref name="served"/>, the point's own.</summary>
    public ApiComparison ForPoint(TokenMix served) =>
        new(Name, Price, GivenMix ?? new(served, Citation.Default("the serving point's own mix, measured in the run")));
}
