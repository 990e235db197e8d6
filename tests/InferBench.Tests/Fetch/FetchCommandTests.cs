using InferBench.Cli;
using InferBench.Fetch;
using InferBench.Tests.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Fetch;

/// <summary><c>inferbench fetch</c> against the loopback hub (HF_ENDPOINT points at it for the test's duration).</summary>
[Collection(HfEndpointCollection.Name)]
public sealed class FetchCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FakeHub _hub = new(FakeHub.SmallModel());
    private readonly string? _endpointBefore = Environment.GetEnvironmentVariable("HF_ENDPOINT");

    public FetchCommandTests() => Environment.SetEnvironmentVariable("HF_ENDPOINT", _hub.Settings().Endpoint.ToString());

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("HF_ENDPOINT", _endpointBefore);
        _hub.Dispose();
        _temp.Dispose();
    }

    private string Cache => _temp.Combine("cache");

    private string WriteManifest() => TestHubManifest.Write(_temp.Combine("models.manifest.json"), _hub.Variant());

    [Fact]
    public void Fetch_downloads_the_model_prints_its_folder_and_run_then_finds_it()
    {
        var manifest = WriteManifest();

        var run = CliRun.Invoke("fetch", TestHubManifest.Model, "--manifest", manifest, "--cache", Cache);

        Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
        var folder = new FetchCache(Cache).VariantFolder(TestHubManifest.Model, "cuda-fp16");
        Assert.Equal(folder, run.Out.Trim());
        Assert.Contains($"{TestHubManifest.Model}/cuda-fp16: 3 files from 127.0.0.1", run.Error);
        Assert.Contains("model.onnx.data: done, verified", run.Error);
        var target = Assert.Single(TargetSelection.FromManifest(manifest, [TestHubManifest.Model], [], new FetchCache(Cache)));
        Assert.Null(target.UnavailableReason);
        Assert.Equal(folder, target.FolderPath);
    }

    [Fact]
    public void A_failed_download_exits_1_with_the_reason()
    {
        _hub.Fault("genai_config.json", (_, _) => LoopbackResponse.Text(404));

        var run = CliRun.Invoke("fetch", TestHubManifest.Model, "--manifest", WriteManifest(), "--cache", Cache);

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        Assert.Contains($"inferbench: fetch {TestHubManifest.Model}/cuda-fp16: HTTP 404 not found: ", run.Error);
        run.AssertNoStackTrace();
    }

    [Theory]
    [InlineData("nope", null, "no model \"nope\" in models.manifest.json (known: tiny, local-only)")]
    [InlineData("tiny", "gone", "--variant: tiny has no \"gone\" in models.manifest.json (known: cuda-fp16)")]
    [InlineData("local-only", null, "local-only in models.manifest.json has no Hugging Face variants: every variant is a local folder")]
    [InlineData("local-only", "cpu", "--variant cpu: local-only/cpu is a local folder in models.manifest.json; there is nothing to fetch")]
    public void Naming_something_that_cannot_be_fetched_is_bad_input(string model, string? variant, string expected)
    {
        string[] args = ["fetch", model, "--manifest", WriteManifest(), "--cache", Cache];
        var run = CliRun.Invoke(variant is null ? args : [.. args, "--variant", variant]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: {expected}", run.Error.Trim());
        Assert.Empty(_hub.Requests);
    }
}
