using System.Text.Json.Serialization;

namespace InferBench.Cost.Units;

/// <summary>A price for tokens, in US dollars per million tokens (how API prices are listed).</summary>
[JsonConverter(typeof(UnitJsonConverter<UsdPerMillionTokens>))]
public readonly record struct UsdPerMillionTokens(double Value) : IUnitValue<UsdPerMillionTokens>
{
    public const double TokensPerUnit = 1_000_000;

    public static UsdPerMillionTokens FromValue(double value) => new(value);

    /// <summary>Converts a price listed per 1K tokens, as OpenAI listed GPT-4 in 2023.</summary>
    public static UsdPerMillionTokens FromUsdPerThousandTokens(double usdPerThousandTokens) => new(usdPerThousandTokens * 1000);

    public static UsdPerMillionTokens operator +(UsdPerMillionTokens left, UsdPerMillionTokens right) => new(left.Value + right.Value);
    public static UsdPerMillionTokens operator *(UsdPerMillionTokens price, double factor) => new(price.Value * factor);

    public Usd For(double tokens) => new(Value * tokens / TokensPerUnit);
}
