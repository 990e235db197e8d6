using System.Text.RegularExpressions;
using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Gpu;

/// <summary>The Hugging Face variants in the checked-in models.manifest.json must be fetchable and say how far they are verified.</summary>
public sealed partial class RepoManifestHubVariantTests
{
    private static readonly ModelManifest Manifest = ManifestLoader.Load(RepoRoot.Combine("models.manifest.json"));

    public static TheoryData<string, string> HubVariants()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in Manifest.Models)
            foreach (var variant in model.Variants.Where(variant => variant.Source is HuggingFaceModelSource))
                data.Add(model.Id, variant.Id);
        return data;
    }

    private static (ManifestVariant Variant, HuggingFaceModelSource Source) Find(string model, string variant)
    {
        var found = Manifest.Models.Single(m => m.Id == model).Variants.Single(v => v.Id == variant);
        return (found, (HuggingFaceModelSource)found.Source);
    }

    [Fact]
    public void The_manifest_offers_cuda_variants_in_fp16_and_int4()
    {
        var cuda = HubVariants().Select(row => Find((string)row[0], (string)row[1]).Variant)
            .Where(variant => variant.ExecutionProviders.Contains(ExecutionProvider.Cuda)).ToArray();

        Assert.Contains(cuda, variant => variant.Precision == Precision.Fp16);
        Assert.Contains(cuda, variant => variant.Precision == Precision.Int4);
    }

    [Theory]
    [MemberData(nameof(HubVariants))]
    public void Each_variant_lists_a_whole_genai_folder(string model, string variant)
    {
        var paths = Find(model, variant).Variant.Files.Select(file => file.Path).ToArray();

        Assert.Contains("genai_config.json", paths);
        Assert.Contains("tokenizer.json", paths);
        Assert.Contains(paths, path => path.EndsWith(".onnx", StringComparison.Ordinal));
        Assert.All(paths.Where(path => path.EndsWith(".onnx.data", StringComparison.Ordinal)), data => Assert.Contains(data[..^".data".Length], paths));
        Assert.Equal(paths.Length, paths.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(HubVariants))]
    public void Each_variant_is_pinned_to_a_commit_or_says_in_its_notes_that_it_is_not(string model, string variant)
    {
        var (found, source) = Find(model, variant);

        if (!CommitPattern().IsMatch(source.Revision))
            Assert.StartsWith("NOT PINNED", found.Notes);
        Assert.False(string.IsNullOrWhiteSpace(found.Notes), "notes say where the file list and hashes were verified");
    }

    [Theory]
    [MemberData(nameof(HubVariants))]
    public void The_variant_id_names_the_provider_it_is_built_for(string model, string variant)
    {
        var providers = Find(model, variant).Variant.ExecutionProviders;

        Assert.Equal([variant.StartsWith("cuda-", StringComparison.Ordinal) ? ExecutionProvider.Cuda : ExecutionProvider.Cpu], providers);
    }

    [Theory]
    [MemberData(nameof(HubVariants))]
    public void Each_file_resolves_to_a_hub_url_inside_the_variant_folder(string model, string variant)
    {
        var (found, source) = Find(model, variant);

        Assert.All(found.Files, file => Assert.Equal(
            $"https://huggingface.co/{source.Repo}/resolve/{source.Revision}/{source.Folder}/{file.Path}",
            HubUrls.Resolve(HubSettings.DefaultEndpoint, source, file.Path).AbsoluteUri));
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();
}
