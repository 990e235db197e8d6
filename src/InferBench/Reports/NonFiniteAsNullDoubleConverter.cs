using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferBench.Reports;

/// <summary>
/// Writes NaN and ±Infinity as JSON <c>null</c> (JSON has no such numbers) and reads <c>null</c> back as NaN.
/// Statistics over fewer than two samples have NaN spreads, so this keeps run.json valid JSON. A number past a double's
/// range (1e400), which .NET reads as infinity, is refused: this writer never leaves one.
/// </summary>
public sealed class NonFiniteAsNullDoubleConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    /// <exception cref="JsonException">A number too large for a double.</exception>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return double.NaN;
        var value = reader.GetDouble();
        return double.IsFinite(value) ? value : throw new JsonException($"{value} is past a double's range");
    }

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
