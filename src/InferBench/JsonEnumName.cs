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

    /// <summary>Every value's name, in declaration order: what an option that takes the enum accepts.</summary>
    public static string[] All<TEnum>() where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Of).ToArray();

    /// <summary>The value named <paramref name="name"/> (exactly, as <see cref="Of{TEnum}"/> writes it); null for any other name.</summary>
    public static TEnum? Find<TEnum>(string name) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(value => Of(value) == name).Select(value => (TEnum?)value).FirstOrDefault();
}
