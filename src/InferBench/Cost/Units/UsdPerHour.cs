using System.Text.Json.Serialization;

namespace InferBench.Cost.Units;

/// <summary>A price for time, in US dollars per hour.</summary>
[JsonConverter(typeof(UnitJsonConverter<UsdPerHour>))]
public readonly record struct UsdPerHour(double Value) : IUnitValue<UsdPerHour>
{
    public static UsdPerHour FromValue(double value) => new(value);

    public Usd Over(double hours) => new(Value * hours);

    /// <summary>
    /// What each million tokens costs when the hour is paid in full but only <paramref name="utilization"/> of it
    /// generates at <paramref name="throughput"/>: price / (tokens/s x 3600 x utilisation) x 1e6.
    /// </summary>
    public UsdPerMillionTokens PerMillionTokens(TokensPerSecond throughput, Utilization utilization) =>
        new(Value / (throughput.Value * CostCalendar.SecondsPerHour * utilization.Value) * UsdPerMillionTokens.TokensPerUnit);
}
