using System.Reflection;
using System.Text.Json.Serialization;

namespace InferBench.Reports;

/// <summary>The name an enum value has in run.json, so every report spells statuses the same way.</summary>
internal static class JsonEnumName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return typeof(TEnum).GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? name;
    }
}
