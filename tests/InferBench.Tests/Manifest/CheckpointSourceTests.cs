using System.Text.Json.Nodes;
using InferBench.Manifest;
using InferBench.Tests.Support;

namespace InferBench.Tests.Manifest;

/// <summary>Checkpoint variants: read as their own source, and each way of listing one the import cannot use is reported where it is.</summary>
public sealed class CheckpointSourceTests
{
    private static JsonArray Files(params string[] paths) => new([.. paths.Select(path => (JsonNode)new JsonObject { ["path"] = path })]);

    private static JsonObject Checkpoint(string id, string precision = "fp16", string revision = "v1", JsonArray? files = null)
    {
        var variant = TestManifests.Variant(id);
        variant["precision"] = precision;
        variant["source"] = new JsonObject { ["checkpoint"] = new JsonObject { ["repo"] = "acme/llm", ["revision"] = revision } };
        variant["files"] = files ?? Files("config.json", "model.safetensors", "tokenizer.json");
        return variant;
    }

    /// <summary>Model "tiny" with fp32-cpu (a path) and the given variants after it, from variants[1] on.</summary>
    private static JsonObject With(params JsonObject[] variants)
    {
        var manifest = TestManifests.Valid();
        foreach (var variant in variants)
            manifest["models"]![0]!["variants"]!.AsArray().Add(variant);
        return manifest;
    }

    [Fact]
    public void A_checkpoint_variant_loads_with_its_repository_revision_and_files_and_int4_derives_from_it()
    {
        using var folder = new TempFolder();
        var int4 = TestManifests.Variant("int4-cpu");
        int4["precision"] = "int4";
        int4["source"] = new JsonObject { ["derived"] = new JsonObject { ["from"] = "fp16-cuda" } };
        var path = TestManifests.Write(folder, With(Checkpoint("fp16-cuda"), int4).ToJsonString());

        var variants = ManifestLoader.Load(path).Models[0].Variants;

        Assert.Equal(new CheckpointModelSource("acme/llm", "v1"), variants[1].Source);
        Assert.Equal(new HuggingFaceModelSource("acme/llm", "v1", null), ((CheckpointModelSource)variants[1].Source).Hub);
        Assert.Equal(["config.json", "model.safetensors", "tokenizer.json"], variants[1].Files.Select(file => file.Path));
        Assert.IsType<DerivedModelSource>(variants[2].Source);
    }

    [Fact]
    public void A_quantized_checkpoint_variant_is_refused_saying_to_derive_it()
    {
        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[1].precision: expected fp32 or fp16 for a checkpoint variant, got \"int4\" (the import writes fp32 or fp16; derive int8 and int4 variants from this one)"],
            TestManifests.ProblemsIn(With(Checkpoint("int4", precision: "int4"))));
    }

    [Theory]
    [InlineData("model.safetensors", "tokenizer.json")]
    [InlineData("config.json", "model.safetensors.index.json")]
    [InlineData("config.json", "weights/model.safetensors")]
    public void Files_without_config_json_or_safetensors_weights_at_the_root_are_refused(params string[] paths)
    {
        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[1].files: expected the checkpoint's files at the repository's root: config.json and its safetensors weights "
             + "(model.safetensors, or model.safetensors.index.json and its shards), with generation_config.json and the tokenizer files where the repository has them"],
            TestManifests.ProblemsIn(With(Checkpoint("fp16", files: Files(paths)))));
    }

    [Fact]
    public void A_checkpoint_variant_with_no_files_is_refused_at_the_variant()
    {
        var variant = Checkpoint("fp16");
        variant.Remove("files");

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[1]: expected the checkpoint's files at the repository's root: config.json and its safetensors weights "
             + "(model.safetensors, or model.safetensors.index.json and its shards), with generation_config.json and the tokenizer files where the repository has them"],
            TestManifests.ProblemsIn(With(variant)));
    }

    [Fact]
    public void Two_imports_of_one_download_list_the_same_files_in_any_order()
    {
        var reordered = Checkpoint("fp32-import", precision: "fp32", files: Files("tokenizer.json", "model.safetensors", "config.json"));
        var another = Checkpoint("fp32-other", precision: "fp32", files: Files("config.json", "model.safetensors"));
        var otherRevision = Checkpoint("fp16-v2", revision: "v2", files: Files("config.json", "model.safetensors"));

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[3].files: expected the same files as \"fp16\", which fetches acme/llm@v1 too (checkpoint variants of one repository and revision share one download)"],
            TestManifests.ProblemsIn(With(Checkpoint("fp16"), reordered, another, otherRevision)));
    }
}
