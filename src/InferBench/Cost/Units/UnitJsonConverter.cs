using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferBench.Cost.Units;

/// <summary>Reads and writes a unit value as a bare JSON number: the pricing catalog says <c>"usdPerHour": 32.77</c>.</summary>
internal sealed class UnitJsonConverter<T> : JsonConverter<T> where T : struct, IUnitValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.FromValue(reader.GetDouble());

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Value);
}
