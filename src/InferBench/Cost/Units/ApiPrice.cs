namespace InferBench.Cost.Units;

/// <summary>An API's price per million input (prompt) and output (generated) tokens.</summary>
public sealed record ApiPrice(UsdPerMillionTokens Input, UsdPerMillionTokens Output)
{
    /// <summary>What 1M output tokens cost together with the input tokens that come with them at <paramref name="mix"/>.</summary>
    public UsdPerMillionTokens PerMillionOutputTokens(TokenMix mix) => Output + Input * mix.InputTokensPerOutputToken;
}
