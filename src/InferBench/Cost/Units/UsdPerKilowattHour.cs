using System.Text.Json.Serialization;

namespace InferBench.Cost.Units;

/// <summary>An electricity price, in US dollars per kilowatt-hour.</summary>
[JsonConverter(typeof(UnitJsonConverter<UsdPerKilowattHour>))]
public readonly record struct UsdPerKilowattHour(double Value) : IUnitValue<UsdPerKilowattHour>
{
    public static UsdPerKilowattHour FromValue(double value) => new(value);
}
