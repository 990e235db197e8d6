using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferBench.Cost.Sheets;

/// <summary>
/// Writes a <see cref="CostSheet"/> as one JSON object for scripts: each group an object of figures keyed with their
/// unit, "rows" for a run's rows, and "assumptions" with each value's source, date and provenance.
/// </summary>
public static class CostSheetJson
{
    // Sources are prose: keep their apostrophes readable. The output is printed, never embedded in HTML.
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(CostSheet sheet)
    {
        var root = new JsonObject();
        foreach (var group in sheet.Groups)
            root[group.Key] = Figures(group);
        if (sheet.Rows.Count > 0)
            root["rows"] = new JsonArray([.. sheet.Rows.Select(Row)]);
        root["assumptions"] = new JsonObject(sheet.Assumptions.Select(line => KeyValuePair.Create(line.Key, (JsonNode?)Assumption(line))));
        return root.ToJsonString(Options);
    }

    private static JsonObject Figures(FigureGroup group) =>
        new(group.Figures.Select(figure => KeyValuePair.Create(figure.Key, figure.Json?.DeepClone())));

    private static JsonObject Row(CostRow row)
    {
        var json = new JsonObject { ["model"] = row.Model, ["variant"] = row.Variant };
        if (row.Load is { } load)
        {
            json["load"] = new JsonObject { ["mode"] = load.Mode, ["concurrency"] = load.Concurrency, ["requestsPerSecond"] = load.RequestsPerSecond };
        }
        else
        {
            json["batchSize"] = row.BatchSize;
            json["promptTokens"] = row.PromptTokens;
            json["genTokens"] = row.GenTokens;
        }
        foreach (var group in row.Groups)
            json[group.Key] = Figures(group);
        return json;
    }

    private static JsonObject Assumption(AssumptionLine line) => new()
    {
        ["value"] = line.Value,
        ["text"] = line.Text,
        ["source"] = line.Citation.Source,
        ["asOf"] = line.Citation.AsOf,
        ["provenance"] = JsonEnumName.Of(line.Citation.Provenance),
    };
}
