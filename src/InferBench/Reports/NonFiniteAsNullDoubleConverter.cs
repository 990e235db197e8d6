using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferBench.Reports;

/// <summary>
/// Writes NaN and ±Infinity as JSON <c>null</c> (JSON has no such numbers) and reads <c>null</c> back as NaN.
/// Statistics over fewer than two samples have NaN spreads, so this keeps run.json valid JSON.
/// </summary>
public sealed class NonFiniteAsNullDoubleConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
