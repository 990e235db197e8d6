using System.Security.Cryptography;
using InferBench.Manifest;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Manifest;

/// <summary>The checked-in models.manifest.json must stay valid and must describe the files it points at.</summary>
public sealed class RepoManifestTests
{
    private static string RepoManifestPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "InferBench.sln")))
                return Path.Combine(dir.FullName, "models.manifest.json");
        }
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds InferBench.sln");
    }

    [Fact]
    public void RepoManifestValidates()
    {
        var manifestPath = RepoManifestPath();

        var manifest = ManifestLoader.Load(manifestPath);

        var model = Assert.Single(manifest.Models, m => m.Id == "tiny-random-gpt2");
        var variant = Assert.Single(model.Variants);
        Assert.Equal("fp32-cpu", variant.Id);
        Assert.Equal(Precision.Fp32, variant.Precision);
        Assert.Equal([ExecutionProvider.Cpu], variant.ExecutionProviders);
        var expectedFolder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifestPath)!, "..", "shared", "fixtures", "models", "tiny-random-gpt2-fp32"));
        Assert.Equal(new LocalModelSource(expectedFolder), variant.Source);
        Assert.Equal(["past.onnx", "genai_config.json"], variant.Files.Select(file => file.Path));
    }

    [Fact]
    public void The_synthetic_variants_prefer_the_gpu_so_the_default_run_on_a_gpu_machine_measures_it()
    {
        var synthetic = ManifestLoader.Load(RepoManifestPath()).Models
            .SelectMany(model => model.Variants)
            .Where(variant => variant.Source is SyntheticModelSource)
            .ToList();

        Assert.NotEmpty(synthetic);
        Assert.All(synthetic, variant => Assert.Equal([ExecutionProvider.Cuda, ExecutionProvider.Cpu], variant.ExecutionProviders));
    }

    [SkippableFact]
    public void RepoManifestHashesAndSizesMatchTheFixtureFiles()
    {
        var fixtureFolder = SharedFixtures.RequireTinyGpt2();
        var variant = ManifestLoader.Load(RepoManifestPath()).Models[0].Variants[0];

        foreach (var file in variant.Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(fixtureFolder, file.Path));
            Assert.Equal(file.SizeBytes, bytes.LongLength);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }
}
