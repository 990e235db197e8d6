using System.Reflection;
using System.Text.Json.Serialization;

namespace InferBench;

/// <summary>The name an enum value has in JSON (its JsonStringEnumMemberName), so every output spells labels the same way.</summary>
public static class JsonEnumName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return typeof(TEnum).GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? name;
    }
}
