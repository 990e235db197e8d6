using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Runner;
using InferBench.Tests.Support;

namespace InferBench.Tests.Fetch;

public sealed class TargetSelectionFetchTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FakeHub _hub = new(FakeHub.SmallModel());

    public void Dispose()
    {
        _hub.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_hugging_face_variant_not_in_the_cache_says_how_to_fetch_it()
    {
        var manifest = TestHubManifest.Write(_temp.Combine("models.manifest.json"), _hub.Variant());

        var target = TargetSelection.FromManifest(manifest, [TestHubManifest.Model], [], new FetchCache(_temp.Combine("empty-cache"))).Single();

        Assert.Equal("not downloaded: run inferbench fetch tiny --variant cuda-fp16", target.UnavailableReason);
        Assert.Equal("", target.FolderPath);
    }

    [Fact]
    public async Task A_fetched_variant_resolves_to_its_cached_folder_but_only_for_the_same_revision()
    {
        var cache = new FetchCache(_temp.Combine("cache"));
        using (var fetcher = new VariantFetcher(cache, _hub.Settings(), FetchOptions.Default))
            await fetcher.FetchAsync(TestHubManifest.Model, _hub.Variant(), new RecordingFetchProgress(), CancellationToken.None);
        var current = TestHubManifest.Write(_temp.Combine("current.json"), _hub.Variant());
        var bumped = TestHubManifest.Write(_temp.Combine("bumped.json"),
            _hub.Variant() with { Source = new HuggingFaceModelSource(FakeHub.Repo, "v2", FakeHub.Folder) });

        var found = TargetSelection.FromManifest(current, [TestHubManifest.Model], [], cache).Single();
        var stale = TargetSelection.FromManifest(bumped, [TestHubManifest.Model], [], cache).Single();

        Assert.Null(found.UnavailableReason);
        Assert.Equal(cache.VariantFolder(TestHubManifest.Model, "cuda-fp16"), found.FolderPath);
        Assert.Equal("not downloaded: run inferbench fetch tiny --variant cuda-fp16", stale.UnavailableReason);
    }
}
