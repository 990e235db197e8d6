using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferBench.Reports.Compare;

/// <summary>
/// A comparison as one JSON object for scripts: camelCase, the runs, and per row its scenario, metric, medians,
/// ratio, change and its interval as fractions (-0.05 is 5% lower; null with too few repetitions), and the verdict.
/// </summary>
public static class ComparisonJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        Converters = { new NonFiniteAsNullDoubleConverter() },
    };

    public static string Serialize(RunComparison comparison) => JsonSerializer.Serialize(comparison, Options);
}
