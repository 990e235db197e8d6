using System.Security.Cryptography;
using InferBench.Cli;
using InferBench.Engines;
using InferBench.Fetch;
using InferBench.Import;
using InferBench.Manifest;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Import;

/// <summary>
/// Manifest checkpoint variants against the loopback hub: fetched, imported on first use, the ladder derived from the
/// import, imported again when a checkpoint file changes; a gated repository and a checkpoint not fetched say what to do.
/// </summary>
[Collection(HfEndpointCollection.Name)]
public sealed class CheckpointVariantTests : IDisposable
{
    private const string Repo = "acme/tiny-llama";
    private const string Model = "tiny";
    private const string RevisionOne = "1111111111111111111111111111111111111111";
    private const string RevisionTwo = "2222222222222222222222222222222222222222";
    private readonly TempFolder _temp = new();
    private readonly List<FakeHub> _hubs = [];

    public void Dispose()
    {
        _hubs.ForEach(hub => hub.Dispose());
        _temp.Dispose();
    }

    private FetchCache Cache => new(_temp.Combine("cache"));

    /// <summary>A BF16 Llama checkpoint of the tiny preset's shape, sharded in two, with a generation config and a tokenizer file, as the files a hub serves.</summary>
    private Dictionary<string, byte[]> Checkpoint(int seed)
    {
        var folder = _temp.Combine($"checkpoint-{seed}");
        new SyntheticCheckpoint(new SyntheticWeights(SyntheticModelPresets.Tiny with { Seed = seed }), DType: SafetensorsDType.BF16, Shards: 2).Write(folder);
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{ "bos_token_id": 1, "eos_token_id": 2, "do_sample": false }""");
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """{ "model_max_length": 256 }""");
        return Directory.EnumerateFiles(folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);
    }

    private FakeHub Serve(Dictionary<string, byte[]> files, string revision)
    {
        var hub = new FakeHub(files, revision, Repo, folder: null);
        _hubs.Add(hub);
        return hub;
    }

    /// <summary>The checkpoint imported as fp32 for the CPU, and int4 derived from it.</summary>
    private string Manifest(Dictionary<string, byte[]> files, string revision, bool withHashes = true)
    {
        var listed = string.Join(",\n", files.Keys.Order(StringComparer.Ordinal).Select(path => withHashes
            ? $$"""{ "path": "{{path}}", "sha256": "{{Convert.ToHexStringLower(SHA256.HashData(files[path]))}}" }"""
            : $$"""{ "path": "{{path}}" }"""));
        var path = _temp.Combine($"manifest-{revision[..4]}.json");
        File.WriteAllText(path, $$"""
            { "schemaVersion": 1, "models": [ { "id": "{{Model}}", "description": "a checkpoint on the loopback hub", "variants": [
              { "id": "fp32", "precision": "fp32", "executionProviders": ["cpu"],
                "source": { "checkpoint": { "repo": "{{Repo}}", "revision": "{{revision}}" } }, "files": [ {{listed}} ] },
              { "id": "int4", "precision": "int4", "executionProviders": ["cpu"], "source": { "derived": { "from": "fp32", "blockSize": 16 } } }
            ] } ] }
            """);
        return path;
    }

    private async Task<string> FetchAsync(string manifest, FakeHub hub, string? token = null)
    {
        var variant = ManifestLoader.Load(manifest).Models.Single().Variants.Single(v => v.Id == "fp32");
        using var fetcher = new VariantFetcher(Cache, hub.Settings(token), FetchOptions.Default);
        return await fetcher.FetchAsync(Model, variant, new RecordingFetchProgress(), CancellationToken.None);
    }

    private static List<ScenarioResult> Sweep(IReadOnlyList<BenchmarkTarget> targets)
    {
        var rows = new List<ScenarioResult>();
        new SweepRunner(new RunPlanRecord([16], [8], [1], 0, 1, IntraOpThreads: 1, Seed: 7, ExecutionProvider.Cpu, PromptText: null), InferenceEngines.Default,
            new RecordingProgress(), rows.Add).Run(targets, CancellationToken.None);
        return rows;
    }

    [Fact]
    public async Task A_fetched_checkpoint_is_imported_on_first_run_and_an_int4_variant_derives_from_the_import()
    {
        var files = Checkpoint(seed: 1);
        var manifest = Manifest(files, RevisionOne);

        var download = await FetchAsync(manifest, Serve(files, RevisionOne));
        var targets = TargetSelection.FromManifest(manifest, [], [], Cache);
        var rows = Sweep(targets);

        Assert.Equal(Path.Combine(Cache.Root, Model, $"acme--tiny-llama@{RevisionOne}"), download);
        Assert.All(files, file => Assert.Equal(file.Value, File.ReadAllBytes(Path.Combine(download, file.Key))));
        Assert.Equal(["fp32", "int4"], rows.Select(row => row.Variant));
        Assert.All(rows, row => Assert.True(row.Status == ResultStatus.Ok, $"{row.Variant}: {row.Status} {row.Reason}"));
        var imported = Cache.VariantFolder(Model, "fp32");
        Assert.Equal(imported, targets[0].FolderPath);
        var stamp = ImportStamp.TryRead(imported)!;
        Assert.Equal((Precision.Fp32, ExecutionProvider.Cpu, "llama"), (stamp.Precision, stamp.Target, stamp.ModelType));
        Assert.Equal(files.ToDictionary(file => file.Key, file => Convert.ToHexStringLower(SHA256.HashData(file.Value))), stamp.SourceSha256);
        Assert.True(File.Exists(Path.Combine(imported, "tokenizer_config.json")));
        var int4 = QuantizationStamp.TryRead(Cache.VariantFolder(Model, "int4"))!;
        Assert.Equal(("tiny/fp32", Precision.Int4, 16), (int4.SourceVariant, int4.Precision, int4.BlockSizeElements));
    }

    [Fact]
    public async Task A_changed_checkpoint_file_imports_again_and_rebuilds_the_derived_variant_saying_why()
    {
        var first = Checkpoint(seed: 1);
        var firstManifest = Manifest(first, RevisionOne);
        await FetchAsync(firstManifest, Serve(first, RevisionOne));
        string? Prepare(string manifest, string variant) => TargetSelection.FromManifest(manifest, [], [variant], Cache).Single().Prepare!(CancellationToken.None);
        var stampPath = Path.Combine(Cache.VariantFolder(Model, "fp32"), ImportStamp.FileName);

        Assert.Null(Prepare(firstManifest, "int4"));
        var firstImport = File.GetLastWriteTimeUtc(stampPath);
        Assert.Null(Prepare(firstManifest, "fp32"));
        Assert.Equal(firstImport, File.GetLastWriteTimeUtc(stampPath));

        // The next revision's weights differ (another seed), as a checkpoint's do when its publisher updates it.
        var second = Checkpoint(seed: 2);
        var secondManifest = Manifest(second, RevisionTwo, withHashes: false);
        await FetchAsync(secondManifest, Serve(second, RevisionTwo));
        var rebuilt = Prepare(secondManifest, "int4");

        Assert.Equal(
            "imported folder rebuilt: its checkpoint file model-00001-of-00002.safetensors is new, gone or changed (SHA-256) since it was imported; "
            + "derived folder rebuilt: its source file model.onnx.data is missing or changed (SHA-256) since it was made",
            rebuilt);
        Assert.Equal(second.ToDictionary(file => file.Key, file => Convert.ToHexStringLower(SHA256.HashData(file.Value))),
            ImportStamp.TryRead(Cache.VariantFolder(Model, "fp32"))!.SourceSha256);
        Assert.Null(Prepare(secondManifest, "int4"));
    }

    [Fact]
    public void Rows_of_a_checkpoint_not_fetched_are_skipped_saying_how_to_fetch_it()
    {
        var manifest = Manifest(Checkpoint(seed: 1), RevisionOne);

        var selected = TargetSelection.ForRun(manifest, [], [], Cache);
        var rows = Sweep(TargetSelection.FromManifest(manifest, [Model], [], Cache));

        Assert.Empty(selected.Targets);
        Assert.Equal(
            ["not downloaded: run inferbench fetch tiny --variant fp32", "derived from fp32, which is not downloaded: run inferbench fetch tiny --variant int4"],
            selected.NotSwept.Select(target => target.UnavailableReason));
        Assert.All(rows, row => Assert.Equal(ResultStatus.Skipped, row.Status));
        Assert.Equal("not downloaded: run inferbench fetch tiny --variant fp32", rows[0].Reason);
    }

    [Theory]
    [InlineData(401, null, "and set HF_TOKEN to a Hugging Face access token with read access (HF_TOKEN is not set)")]
    [InlineData(403, "hf_not_accepted", "with the account HF_TOKEN belongs to, and check the token has read access (the Hub refused the HF_TOKEN given)")]
    public async Task A_gated_checkpoint_says_which_token_it_needs_and_where_to_accept_the_licence(int status, string? token, string what)
    {
        var files = Checkpoint(seed: 1);
        var hub = Serve(files, RevisionOne);
        hub.Fault("config.json", (_, _) => LoopbackResponse.Text(status, "Access to model acme/tiny-llama is restricted."));

        var failure = await Assert.ThrowsAsync<FetchException>(() => FetchAsync(Manifest(files, RevisionOne), hub, token));

        Assert.Equal(
            $"HTTP {status} from {hub.Settings().Endpoint}{Repo}/resolve/{RevisionOne}/config.json: {Repo} is gated or private. "
            + $"Accept its licence on {hub.Settings().Endpoint}{Repo} {what}",
            failure.Message);
        Assert.Null(Cache.CompleteCheckpoint(Model, new CheckpointModelSource(Repo, RevisionOne)));
    }

    [Fact]
    public void Fetch_of_a_derived_variant_downloads_the_checkpoint_it_is_imported_from()
    {
        var files = Checkpoint(seed: 1);
        var hub = Serve(files, RevisionOne);
        var manifest = Manifest(files, RevisionOne);
        var endpointBefore = Environment.GetEnvironmentVariable("HF_ENDPOINT");
        Environment.SetEnvironmentVariable("HF_ENDPOINT", hub.Settings().Endpoint.ToString());
        try
        {
            var run = CliRun.Invoke("fetch", Model, "--variant", "int4", "--manifest", manifest, "--cache", Cache.Root);

            Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
            Assert.Equal(Cache.CompleteCheckpoint(Model, new CheckpointModelSource(Repo, RevisionOne)), run.Out.Trim());
            Assert.Contains($"{Model}/fp32: {files.Count} checkpoint files from 127.0.0.1", run.Error);
            Assert.Null(TargetSelection.FromManifest(manifest, [], ["int4"], Cache).Single().UnavailableReason);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HF_ENDPOINT", endpointBefore);
        }
    }
}
