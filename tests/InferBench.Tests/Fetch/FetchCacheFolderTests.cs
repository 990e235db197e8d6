using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Fetch;

/// <summary>A --cache that cannot hold the download is the user's problem: exit 2 before any request, with the path and why.</summary>
[Collection(HfEndpointCollection.Name)]
public sealed class FetchCacheFolderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FakeHub _hub = new(FakeHub.SmallModel());
    private readonly string? _endpointBefore = Environment.GetEnvironmentVariable("HF_ENDPOINT");

    public FetchCacheFolderTests() => Environment.SetEnvironmentVariable("HF_ENDPOINT", _hub.Settings().Endpoint.ToString());

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("HF_ENDPOINT", _endpointBefore);
        _hub.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void A_cache_that_is_a_file_exits_2_naming_it_before_any_download()
    {
        var file = _temp.Combine("cache.txt");
        File.WriteAllText(file, "not a folder");
        var manifest = TestHubManifest.Write(_temp.Combine("models.manifest.json"), _hub.Variant());

        var run = CliRun.Invoke("fetch", TestHubManifest.Model, "--manifest", manifest, "--cache", file);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: --cache (or INFERBENCH_CACHE): cannot use {file} as the download cache: {file} is a file, not a folder", run.Error.Trim());
        Assert.Empty(_hub.Requests);
    }
}
