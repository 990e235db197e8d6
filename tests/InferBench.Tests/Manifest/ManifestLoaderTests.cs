using System.Text.Json.Nodes;
using InferBench.Manifest;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Manifest;

public sealed class ManifestLoaderTests
{
    [Fact]
    public void LoadsEveryFieldAndResolvesRelativePathsAgainstTheManifestFolder()
    {
        using var folder = new TempFolder();
        var absoluteModelFolder = folder.Combine("elsewhere", "model");
        var manifest = TestManifests.Valid("tiny", "hub");
        manifest["models"]![0]!["family"] = "gpt2";
        var local = TestManifests.FirstVariant(manifest);
        local["source"] = new JsonObject { ["path"] = "../models/tiny" };
        local["notes"] = "random weights";
        local["files"] = new JsonArray(
            new JsonObject { ["path"] = "past.onnx", ["sha256"] = new string('a', 64), ["sizeBytes"] = 578141 },
            new JsonObject { ["path"] = "genai_config.json" });
        var absolute = TestManifests.Variant("int4-cuda");
        absolute["precision"] = "int4";
        absolute["executionProviders"] = new JsonArray("cuda", "cpu");
        absolute["source"] = new JsonObject { ["path"] = absoluteModelFolder };
        manifest["models"]![0]!["variants"]!.AsArray().Add(absolute);
        manifest["models"]![1]!["variants"]![0]!["source"] = new JsonObject
        {
            ["huggingface"] = new JsonObject { ["repo"] = "microsoft/phi-3", ["revision"] = "v1.0", ["folder"] = "cpu/int4" },
        };
        Directory.CreateDirectory(folder.Combine("config"));
        var path = TestManifests.Write(folder, manifest.ToJsonString(), Path.Combine("config", "my.manifest.json"));

        var loaded = ManifestLoader.Load(path);

        Assert.Equal(ModelManifest.CurrentSchemaVersion, loaded.SchemaVersion);
        Assert.Equal(["tiny", "hub"], loaded.Models.Select(model => model.Id));
        var tiny = loaded.Models[0];
        Assert.Equal("A test model.", tiny.Description);
        Assert.Equal("gpt2", tiny.Family);
        Assert.Null(loaded.Models[1].Family);

        var fp32 = tiny.Variants[0];
        Assert.Equal("fp32-cpu", fp32.Id);
        Assert.Equal(Precision.Fp32, fp32.Precision);
        Assert.Equal([ExecutionProvider.Cpu], fp32.ExecutionProviders);
        Assert.Equal(new LocalModelSource(folder.Combine("models", "tiny")), fp32.Source);
        Assert.Equal("random weights", fp32.Notes);
        Assert.Equal(2, fp32.Files.Count);
        Assert.Equal(new ManifestFile { Path = "past.onnx", Sha256 = new string('a', 64), SizeBytes = 578141 }, fp32.Files[0]);
        Assert.Equal(new ManifestFile { Path = "genai_config.json" }, fp32.Files[1]);

        var int4 = tiny.Variants[1];
        Assert.Equal(Precision.Int4, int4.Precision);
        Assert.Equal([ExecutionProvider.Cuda, ExecutionProvider.Cpu], int4.ExecutionProviders);
        Assert.Equal(new LocalModelSource(absoluteModelFolder), int4.Source);
        Assert.Empty(int4.Files);
        Assert.Null(int4.Notes);

        Assert.Equal(new HuggingFaceModelSource("microsoft/phi-3", "v1.0", "cpu/int4"), loaded.Models[1].Variants[0].Source);
    }

    [Fact]
    public void ResolvesRelativePathsAgainstTheManifestFolderWhenTheManifestPathIsRelative()
    {
        using var folder = new TempFolder();
        var path = TestManifests.Write(folder, TestManifests.Valid().ToJsonString());
        var relativePath = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var loaded = ManifestLoader.Load(relativePath);

        Assert.Equal(new LocalModelSource(folder.Combine("models", "tiny")), loaded.Models[0].Variants[0].Source);
    }

    [Fact]
    public void HuggingFaceFolderIsOptional()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["source"] = new JsonObject
        {
            ["huggingface"] = new JsonObject { ["repo"] = "owner/name", ["revision"] = new string('0', 40) },
        };
        using var folder = new TempFolder();

        var loaded = ManifestLoader.Load(TestManifests.Write(folder, manifest.ToJsonString()));

        Assert.Equal(new HuggingFaceModelSource("owner/name", new string('0', 40), null), loaded.Models[0].Variants[0].Source);
    }
}
