namespace InferBench.Cost.Units;

/// <summary>An API's price per million input (prompt) and output (generated) tokens.</summary>
public sealed record ApiPrice(UsdPerMillionTokens Input, UsdPerMillionTokens Output)
{
    /// <summary>What 1M output tokens cost together with the input tokens that come with them at <paramref name="mix"/>.</summary>
    public UsdPerMillionTokens PerMillionOutputTokens(TokenMix mix) => Output + Input * mix.InputTokensPerOutputToken;

    /// <summary>
    /// This sheet scaled so that it charges <paramref name="perMillionOutputTokens"/> for 1M output tokens with their
    /// input tokens at <paramref name="mix"/>: a cost per output token (its prompts' processing included) listed as a
    /// price sheet lists it, input and output in this sheet's proportion. Null when this sheet charges nothing at the mix.
    /// </summary>
    public ApiPrice? Splitting(UsdPerMillionTokens perMillionOutputTokens, TokenMix mix)
    {
        var charged = PerMillionOutputTokens(mix).Value;
        return charged > 0 ? new(Input * (perMillionOutputTokens.Value / charged), Output * (perMillionOutputTokens.Value / charged)) : null;
    }
}
