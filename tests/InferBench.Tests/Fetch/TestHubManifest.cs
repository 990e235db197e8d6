using System.Text.Json;
using System.Text.Json.Nodes;
using InferBench.Manifest;

namespace InferBench.Tests.Fetch;

/// <summary>A manifest file with one Hugging Face model (the given variant) and one model with only a local folder.</summary>
internal static class TestHubManifest
{
    public const string Model = "tiny";

    public static string Write(string path, ManifestVariant variant)
    {
        var source = (HuggingFaceModelSource)variant.Source;
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["models"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = Model,
                    ["description"] = "served by the loopback hub",
                    ["variants"] = new JsonArray(new JsonObject
                    {
                        ["id"] = variant.Id,
                        ["precision"] = "fp16",
                        ["executionProviders"] = new JsonArray("cuda"),
                        ["source"] = new JsonObject
                        {
                            ["huggingface"] = new JsonObject { ["repo"] = source.Repo, ["revision"] = source.Revision, ["folder"] = source.Folder },
                        },
                        ["files"] = JsonSerializer.SerializeToNode(variant.Files, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
                    }),
                },
                new JsonObject
                {
                    ["id"] = "local-only",
                    ["description"] = "a folder on this machine",
                    ["variants"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "cpu",
                        ["precision"] = "fp32",
                        ["executionProviders"] = new JsonArray("cpu"),
                        ["source"] = new JsonObject { ["path"] = "somewhere" },
                    }),
                }),
        };
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }
}
