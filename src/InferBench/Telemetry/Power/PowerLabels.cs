using System.Reflection;
using System.Text.Json.Serialization;

namespace InferBench.Telemetry.Power;

/// <summary>The label of a power enum value as JSON writes it (for example "measured-nvml-counter"), for text and CSV.</summary>
public static class PowerLabels
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return typeof(TEnum).GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? name;
    }
}
