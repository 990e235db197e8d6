using System.Text.Json.Nodes;
using InferBench.Cli;
using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Runner;
using InferBench.Tests.Support;

namespace InferBench.Tests.Fetch;

/// <summary><c>inferbench fetch</c> against the loopback hub (HF_ENDPOINT points at it for the test's duration).</summary>
[Collection(HfEndpointCollection.Name)]
public sealed class FetchCommandTests : IDisposable
{
    private const string Weights = "model.onnx.data";
    private const int StallAfterBytes = 1024 * 1024;
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

    private string PartialWeights => Path.Combine(new FetchCache(Cache).StagingFolder(TestHubManifest.Model, "cuda-fp16"), Weights + ".partial");

    private string StoppedMessage => $"inferbench: fetch {TestHubManifest.Model}/cuda-fp16: download stopped; 1.0 MiB ({StallAfterBytes} bytes) kept in {PartialWeights}; run the same command to resume";

    /// <summary>The weights' first request sends 1 MiB and then nothing, as a stalled download does.</summary>
    private void StallTheWeights() =>
        _hub.Fault(Weights, (request, hit) => hit == 1 ? LoopbackResponse.File(request, _hub.Content(Weights)) with { StallAfterBytes = StallAfterBytes } : null);

    /// <summary>Waits until the stalled download's bytes are on disk: had they stayed in a buffer, a second signal's hard exit would lose them.</summary>
    private Task WaitForTheStalledBytesOnDiskAsync(Func<bool> gaveUp) =>
        Stage.WaitAsync(() => File.Exists(PartialWeights) && new FileInfo(PartialWeights).Length == StallAfterBytes, gaveUp,
            $"left the stalled download's {StallAfterBytes} bytes in {PartialWeights}",
            () => $"it has {(File.Exists(PartialWeights) ? new FileInfo(PartialWeights).Length : 0)}");

    /// <summary>The next fetch resumes from the kept bytes and finishes with every file's SHA-256 verified.</summary>
    private void AssertTheNextFetchResumes(string manifest)
    {
        var again = CliRun.Invoke("fetch", TestHubManifest.Model, "--manifest", manifest, "--cache", Cache);

        Assert.True(again.ExitCode == ExitCodes.AllOk, again.Error);
        Assert.Equal($"bytes={StallAfterBytes}-", _hub.RequestsFor(Weights)[^1].Header("Range"));
        Assert.Equal(_hub.Content(Weights), File.ReadAllBytes(Path.Combine(again.Out.Trim(), Weights)));
    }

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
    public async Task The_first_signal_stops_a_stalled_download_at_once_keeps_its_bytes_and_exits_130()
    {
        StallTheWeights();
        var manifest = WriteManifest();
        using var signal = new CancellationTokenSource();

        var fetch = Task.Run(() => CliRun.Invoke(signal.Token, "fetch", TestHubManifest.Model, "--manifest", manifest, "--cache", Cache));
        await WaitForTheStalledBytesOnDiskAsync(() => fetch.IsCompleted);
        signal.Cancel();
        var run = await fetch.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.Error);
        Assert.Contains("Stopping the download; what has arrived is kept (signal again to abort).", run.Error);
        Assert.Contains(StoppedMessage, run.Error);
        Assert.Equal(StallAfterBytes, new FileInfo(PartialWeights).Length);
        Assert.Empty(run.Out);
        AssertTheNextFetchResumes(manifest);
    }

    [Fact]
    public void A_signal_before_the_next_variant_stops_the_fetch_with_130_even_when_the_rest_is_cached()
    {
        var manifest = WriteManifest();
        Assert.Equal(ExitCodes.AllOk, CliRun.Invoke("fetch", TestHubManifest.Model, "--manifest", manifest, "--cache", Cache).ExitCode);
        using var signal = new CancellationTokenSource();
        signal.Cancel();

        var run = CliRun.Invoke(signal.Token, "fetch", TestHubManifest.Model, "--manifest", manifest, "--cache", Cache);

        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.Error);
        Assert.Contains($"inferbench: fetch stopped before {TestHubManifest.Model}/cuda-fp16", run.Error);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_real_signal_to_the_built_cli_stops_a_stalled_download_the_same_way(string signal)
    {
        StallTheWeights();
        var manifest = WriteManifest();
        using var child = ChildCli.Start(new Dictionary<string, string> { ["HF_ENDPOINT"] = _hub.Settings().Endpoint.ToString() },
            "fetch", TestHubManifest.Model, "--manifest", manifest, "--cache", Cache);

        await WaitForTheStalledBytesOnDiskAsync(() => child.HasExited);
        child.Signal(signal);
        var run = await child.ExitAsync();

        Assert.True(run.ExitCode == ExitCodes.Cancelled, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains(StoppedMessage, run.Error);
        Assert.Equal(StallAfterBytes, new FileInfo(PartialWeights).Length);
        AssertTheNextFetchResumes(manifest);
    }

    [Fact]
    public void A_variant_another_fetch_is_downloading_is_named_once()
    {
        var fetchCache = new FetchCache(Cache);
        Directory.CreateDirectory(Path.Combine(fetchCache.Root, TestHubManifest.Model));
        var lockFile = fetchCache.LockFile(TestHubManifest.Model, "cuda-fp16");
        using var held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var run = CliRun.Invoke("fetch", TestHubManifest.Model, "--manifest", WriteManifest(), "--cache", Cache);

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        Assert.Equal(
            $"inferbench: fetch {TestHubManifest.Model}/cuda-fp16: another inferbench fetch is downloading it (it holds {lockFile}); wait for it to finish",
            run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
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

    [Fact]
    public void Fetching_a_derived_variant_fetches_the_variant_it_is_made_from()
    {
        var manifestPath = WriteManifest();
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["models"]![0]!["variants"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "cpu-int8",
            ["precision"] = "int8",
            ["executionProviders"] = new JsonArray("cpu"),
            ["source"] = new JsonObject { ["derived"] = new JsonObject { ["from"] = "cuda-fp16" } },
        });
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var run = CliRun.Invoke("fetch", TestHubManifest.Model, "--variant", "cpu-int8", "--manifest", manifestPath, "--cache", Cache);

        Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
        Assert.Equal(new FetchCache(Cache).VariantFolder(TestHubManifest.Model, "cuda-fp16"), run.Out.Trim());
        var model = ManifestLoader.Load(manifestPath).Models[0];
        Assert.Null(TargetSelection.Availability(model, model.Variants[1], new FetchCache(Cache)));
    }
}
