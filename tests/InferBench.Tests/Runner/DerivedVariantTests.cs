using InferBench.Engines;
using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Runner;

/// <summary>Derived manifest variants: made on first use from their source variant, reused while current, rebuilt (and said so) when not.</summary>
public sealed class DerivedVariantTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private FetchCache Cache => new(_temp.Combine("cache"));

    private string Manifest(string variants)
    {
        var path = _temp.Combine("models.manifest.json");
        File.WriteAllText(path, $$"""
            { "schemaVersion": 1, "models": [ { "id": "syn", "description": "tiny synthetic", "variants": [ {{variants}} ] } ] }
            """);
        return path;
    }

    [Fact]
    public void An_fp16_model_and_its_derived_int8_and_int4_sweep_to_ok_rows_on_the_cpu()
    {
        var manifest = Manifest("""
            { "id": "fp16", "precision": "fp16", "executionProviders": ["cpu"], "source": { "synthetic": { "preset": "tiny" } } },
            { "id": "int8", "precision": "int8", "executionProviders": ["cpu"], "source": { "derived": { "from": "fp16" } } },
            { "id": "int4", "precision": "int4", "executionProviders": ["cpu"], "source": { "derived": { "from": "fp16", "blockSize": 16 } } }
            """);
        var targets = TargetSelection.FromManifest(manifest, [], [], Cache);
        var rows = new List<ScenarioResult>();

        new SweepRunner(new RunPlanRecord([16], [8], [1], 0, 1, IntraOpThreads: 1, Seed: 7, ExecutionProvider.Cpu, PromptText: null), InferenceEngines.Default, new RecordingProgress(), rows.Add)
            .Run(targets, CancellationToken.None);

        Assert.Equal(["fp16", "int8", "int4"], rows.Select(row => row.Variant));
        Assert.All(rows, row => Assert.True(row.Status == ResultStatus.Ok, $"{row.Variant}: {row.Status} {row.Reason}"));
        var fp16Folder = targets[0].FolderPath;
        var int4 = QuantizationStamp.TryRead(Cache.VariantFolder("syn", "int4"))!;
        Assert.Equal("syn/fp16", int4.SourceVariant);
        Assert.Equal((Precision.Int4, Precision.Fp16, ExecutionProvider.Cpu), (int4.Precision, int4.SourcePrecision, int4.Target));
        Assert.Equal((16, true, 4, true), (int4.BlockSizeElements!.Value, int4.Symmetric!.Value, int4.AccuracyLevel!.Value, int4.LmHeadQuantized!.Value));
        Assert.NotEmpty(int4.InferBenchVersion);
        Assert.NotEmpty(int4.SourceSha256);
        Assert.All(int4.SourceSha256, file => Assert.Equal(Sha256(Path.Combine(fp16Folder, file.Key)), file.Value));
        Assert.Equal(8, QuantizationStamp.TryRead(Cache.VariantFolder("syn", "int8"))!.Bits);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void A_current_derived_folder_is_reused_and_a_stale_one_is_rebuilt_with_the_reason()
    {
        var source = _temp.Combine("fp32");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, source);
        string Derived(int blockSize) => Manifest($$"""
            { "id": "fp32", "precision": "fp32", "executionProviders": ["cpu"], "source": { "path": "fp32" } },
            { "id": "int4", "precision": "int4", "executionProviders": ["cpu"], "source": { "derived": { "from": "fp32", "blockSize": {{blockSize}} } } }
            """);
        BenchmarkTarget Int4(int blockSize) => TargetSelection.FromManifest(Derived(blockSize), [], ["int4"], Cache).Single();
        var stampPath = Path.Combine(Cache.VariantFolder("syn", "int4"), QuantizationStamp.FileName);

        Assert.Null(Int4(32).Prepare!(CancellationToken.None));
        var firstBuild = File.GetLastWriteTimeUtc(stampPath);
        Assert.Null(Int4(32).Prepare!(CancellationToken.None));
        Assert.Equal(firstBuild, File.GetLastWriteTimeUtc(stampPath));

        var settingsChanged = Int4(64).Prepare!(CancellationToken.None);
        Assert.StartsWith("derived folder rebuilt: its quantizer settings", settingsChanged, StringComparison.Ordinal);
        Assert.Equal(64, QuantizationStamp.TryRead(Cache.VariantFolder("syn", "int4"))!.BlockSizeElements);

        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny with { Seed = SyntheticModelPresets.Tiny.Seed + 1 }, source);
        var sourceChanged = Int4(64).Prepare!(CancellationToken.None);
        Assert.Matches("^derived folder rebuilt: its source file .+ is missing or changed \\(SHA-256\\) since it was made$", sourceChanged);
        Assert.Null(Int4(64).Prepare!(CancellationToken.None));
    }

    [Fact]
    public void A_derived_variant_whose_source_is_not_downloaded_says_to_fetch_it()
    {
        var manifest = Manifest("""
            { "id": "cuda-fp16", "precision": "fp16", "executionProviders": ["cuda"],
              "source": { "huggingface": { "repo": "acme/model", "revision": "main" } }, "files": [ { "path": "model.onnx" } ] },
            { "id": "cpu-int8", "precision": "int8", "executionProviders": ["cpu"], "source": { "derived": { "from": "cuda-fp16" } } }
            """);

        var selected = TargetSelection.ForRun(manifest, [], [], Cache);

        Assert.Empty(selected.Targets);
        Assert.Equal(
            "derived from cuda-fp16, which is not downloaded: run inferbench fetch syn --variant cpu-int8",
            selected.NotSwept.Single(target => target.Variant == "cpu-int8").UnavailableReason);
    }

    [Fact]
    public void The_repository_manifest_derives_int8_from_each_published_fp16_and_names_the_rungs_it_cannot_make()
    {
        var manifest = ManifestLoader.Load(RepoRoot.Combine("models.manifest.json"));
        string Missing(string model) => string.Join("; ", QuantizationLadder.MissingRungs(manifest.Models.Single(m => m.Id == model)));

        foreach (var model in new[] { "phi-3-mini-4k-instruct", "phi-3.5-mini-instruct", "llama-3.2-3b-instruct" })
        {
            Assert.Equal("", Missing(model));
            var derived = manifest.Models.Single(m => m.Id == model).Variants.Where(v => v.Source is DerivedModelSource).ToArray();
            Assert.Equal([(ExecutionProvider.Cuda, Precision.Int8), (ExecutionProvider.Cpu, Precision.Int8)],
                derived.Select(v => (v.ExecutionProviders.Single(), v.Precision)));
        }
        Assert.Equal(
            "cuda fp16: no fp16 or fp32 variant in the manifest to derive it from (published only as int4); "
            + "cuda int8: no fp16 or fp32 variant in the manifest to derive it from (published only as int4); "
            + "cpu int8: no fp16 or fp32 variant in the manifest to derive it from (published only as int4)",
            Missing("phi-4-mini-instruct"));
        Assert.Contains("cuda fp16: no fp16 or fp32 variant", Missing("mistral-7b-instruct-v0.2"), StringComparison.Ordinal);
        Assert.Contains("cpu int4: no fp16 or fp32 variant", Missing("mistral-7b-instruct-v0.2"), StringComparison.Ordinal);
        Assert.Equal(
            "no cuda fp16, cuda int8, cpu int8 variant of this model to compare with: no fp16 or fp32 variant in the manifest to derive it from (published only as int4)",
            TargetSelection.FromManifest(RepoRoot.Combine("models.manifest.json"), ["phi-4-mini-instruct"], [], Cache)[0].Note);
        Assert.Null(TargetSelection.FromManifest(RepoRoot.Combine("models.manifest.json"), ["phi-3-mini-4k-instruct"], [], Cache)[0].Note);
    }
}
