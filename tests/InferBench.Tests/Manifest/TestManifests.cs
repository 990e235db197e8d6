using System.Text.Json.Nodes;
using InferBench.Manifest;
using InferBench.Tests.Support;

namespace InferBench.Tests.Manifest;

/// <summary>Small valid manifests for tests to break one field at a time.</summary>
internal static class TestManifests
{
    public const string FileName = "models.manifest.json";

    public static JsonObject Valid(params string[] modelIds)
    {
        var models = new JsonArray();
        foreach (var id in modelIds.Length == 0 ? ["tiny"] : modelIds)
            models.Add(Model(id));
        return new JsonObject
        {
            ["$schema"] = "./models.manifest.schema.json",
            ["schemaVersion"] = 1,
            ["models"] = models,
        };
    }

    public static JsonObject Model(string id) => new()
    {
        ["id"] = id,
        ["description"] = "A test model.",
        ["variants"] = new JsonArray(Variant("fp32-cpu")),
    };

    public static JsonObject Variant(string id) => new()
    {
        ["id"] = id,
        ["precision"] = "fp32",
        ["executionProviders"] = new JsonArray("cpu"),
        ["source"] = new JsonObject { ["path"] = "models/tiny" },
    };

    public static JsonObject FirstVariant(JsonObject manifest) => manifest["models"]![0]!["variants"]![0]!.AsObject();

    public static string Write(TempFolder folder, string text, string fileName = FileName)
    {
        var path = folder.Combine(fileName);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The lines of the <see cref="InputException"/> that loading <paramref name="manifest"/> must throw.</summary>
    public static string[] ProblemsIn(JsonNode manifest) => ProblemsIn(manifest.ToJsonString());

    public static string[] ProblemsIn(string manifestText)
    {
        using var folder = new TempFolder();
        var path = Write(folder, manifestText);
        var exception = Assert.Throws<InputException>(() => ManifestLoader.Load(path));
        return exception.Message.Split(Environment.NewLine);
    }
}
