using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferBench.Reports.Compare;

/// <summary>
/// A comparison as one JSON object for scripts: camelCase, the method and confidence level, the runs, per row its
/// scenario, metric, medians, geometric means, ratio, change and its interval as fractions (-0.05 is 5% lower; null
/// with too few repetitions) and the verdict, then the notes the text output ends with (what the verdicts can conclude).
/// </summary>
public static class ComparisonJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // quotes and non-ASCII stay readable, as in run.json
        Converters = { new NonFiniteAsNullDoubleConverter() },
    };

    public static string Serialize(RunComparison comparison)
    {
        var json = JsonSerializer.SerializeToNode(comparison, Options)!.AsObject();
        json.Add("notes", new JsonArray([.. ComparisonTable.Notes(comparison).Select(note => JsonValue.Create(note))]));
        return json.ToJsonString(Options);
    }
}
