using System.Text.Json.Serialization;

namespace InferBench.Cost.Units;

/// <summary>The carbon intensity of electricity, in grams of CO2 per kilowatt-hour.</summary>
[JsonConverter(typeof(UnitJsonConverter<GramsCo2PerKilowattHour>))]
public readonly record struct GramsCo2PerKilowattHour(double Value) : IUnitValue<GramsCo2PerKilowattHour>
{
    public static GramsCo2PerKilowattHour FromValue(double value) => new(value);
}
