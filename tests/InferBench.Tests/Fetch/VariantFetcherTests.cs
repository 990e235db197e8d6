using System.Diagnostics;
using System.Security.Cryptography;
using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Tests.Support;

namespace InferBench.Tests.Fetch;

public sealed class VariantFetcherTests : IDisposable
{
    private const string Model = "tiny";
    private const string Weights = "model.onnx.data";
    private const int DropAfterBytes = 1_000_000;
    private static readonly FetchOptions Quick = new(IdleTimeout: TimeSpan.FromSeconds(10), AttemptsPerFile: 3, RetryDelay: TimeSpan.Zero);

    private readonly TempFolder _temp = new();
    private readonly FakeHub _hub = new(FakeHub.SmallModel());

    public void Dispose()
    {
        _hub.Dispose();
        _temp.Dispose();
    }

    private FetchCache Cache => new(_temp.Combine("cache"));

    private string VariantFolder => Cache.VariantFolder(Model, "cuda-fp16");

    private async Task<string> FetchAsync(ManifestVariant? variant = null, FetchOptions? options = null, string? token = null, IFetchProgress? progress = null)
    {
        using var fetcher = new VariantFetcher(Cache, _hub.Settings(token), options ?? Quick);
        return await fetcher.FetchAsync(Model, variant ?? _hub.Variant(), progress ?? new RecordingFetchProgress(), CancellationToken.None);
    }

    private async Task<string> FailingFetchAsync(ManifestVariant? variant = null, FetchOptions? options = null, string? token = null) =>
        (await Assert.ThrowsAsync<FetchException>(() => FetchAsync(variant, options, token))).Message;

    private void AssertNothingLooksComplete()
    {
        Assert.False(Directory.Exists(VariantFolder), $"{VariantFolder} must not exist after a failed fetch");
        Assert.Null(Cache.CompleteFolder(Model, "cuda-fp16", (HuggingFaceModelSource)_hub.Variant().Source));
    }

    [Fact]
    public async Task A_full_download_lands_every_file_verified_with_a_marker_by_one_rename()
    {
        var folder = await FetchAsync(token: "hf_test_token");

        Assert.Equal(VariantFolder, folder);
        foreach (var file in _hub.Variant().Files)
            Assert.Equal(_hub.Content(file.Path), File.ReadAllBytes(Path.Combine(folder, file.Path)));
        var marker = FetchMarker.ReadFrom(folder)!;
        Assert.True(marker.IsOf((HuggingFaceModelSource)_hub.Variant().Source));
        Assert.Equal(_hub.Variant().Files.Select(f => (f.Path, f.SizeBytes!.Value, f.Sha256!)), marker.Files.Select(f => (f.Path, f.SizeBytes, f.Sha256)));
        Assert.False(Directory.Exists(Cache.StagingFolder(Model, "cuda-fp16")));
        Assert.Empty(Directory.GetFiles(folder, "*.partial", SearchOption.AllDirectories));
        Assert.Equal(3, _hub.Requests.Count);
        Assert.All(_hub.Requests, request => Assert.Equal("Bearer hf_test_token", request.Header("Authorization")));
        Assert.Contains(_hub.Requests, request => request.Path == $"/{FakeHub.Repo}/resolve/{FakeHub.Revision}/{FakeHub.Folder}/tokenizer/tokenizer.json");
    }

    [Fact]
    public async Task Without_a_token_no_authorization_header_is_sent_and_unknown_sizes_and_hashes_are_recorded_from_what_arrived()
    {
        var folder = await FetchAsync(_hub.Variant(withSizes: false, withHashes: false));

        Assert.All(_hub.Requests, request => Assert.Null(request.Header("Authorization")));
        var weights = FetchMarker.ReadFrom(folder)!.Files.Single(file => file.Path == Weights);
        Assert.Equal(_hub.Content(Weights).LongLength, weights.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_hub.Content(Weights))), weights.Sha256);
    }

    [Fact]
    public async Task Without_a_manifest_hash_an_LFS_file_is_checked_against_the_SHA256_the_Hub_lists_and_fetched_from_its_CDN()
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(_hub.Content(Weights)));
        _hub.ListAsLfs(Weights, sha256);

        var folder = await FetchAsync(_hub.Variant(withSizes: false, withHashes: false));

        Assert.Single(_hub.Requests, request => request.Path == FakeHub.CdnPrefix + Weights);
        Assert.Equal(_hub.Content(Weights), File.ReadAllBytes(Path.Combine(folder, Weights)));
        Assert.Equal(sha256, FetchMarker.ReadFrom(folder)!.Files.Single(file => file.Path == Weights).Sha256);
    }

    [Fact]
    public async Task A_file_whose_bytes_are_not_what_the_Hub_lists_is_deleted_and_nothing_looks_complete()
    {
        var listed = new string('a', 64);
        _hub.ListAsLfs(Weights, listed);

        var message = await FailingFetchAsync(_hub.Variant(withSizes: false, withHashes: false));

        Assert.Contains($"{Weights}: sha256 mismatch: the Hub lists {listed} for it (X-Linked-Etag), got {Convert.ToHexStringLower(SHA256.HashData(_hub.Content(Weights)))}", message);
        AssertNothingLooksComplete();
    }

    [Fact]
    public async Task A_connection_dropped_midway_is_resumed_with_a_range_request_for_the_remaining_bytes()
    {
        _hub.Fault(Weights, (request, hit) => hit == 1 ? LoopbackResponse.File(request, _hub.Content(Weights), DropAfterBytes) : null);
        var progress = new RecordingFetchProgress();

        var folder = await FetchAsync(progress: progress);

        var requests = _hub.RequestsFor(Weights);
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Header("Range"));
        Assert.Equal($"bytes={DropAfterBytes}-", requests[1].Header("Range"));
        Assert.Equal(_hub.Content(Weights), File.ReadAllBytes(Path.Combine(folder, Weights)));
        Assert.Contains(progress.Events, e => e.StartsWith($"retry {Weights} 2 ", StringComparison.Ordinal));
        Assert.Contains($"start {Weights} {_hub.Content(Weights).Length} {DropAfterBytes}", progress.Events);
    }

    [Fact]
    public async Task An_interrupted_fetch_leaves_nothing_that_looks_complete_and_the_next_run_resumes_where_it_stopped()
    {
        _hub.Fault(Weights, (request, hit) => hit == 1 ? LoopbackResponse.File(request, _hub.Content(Weights), DropAfterBytes) : null);

        var message = await FailingFetchAsync(options: Quick with { AttemptsPerFile = 1 });

        Assert.Contains($"{Weights}: the connection to", message);
        Assert.Contains("run the same command again to resume", message);
        AssertNothingLooksComplete();
        var partial = Path.Combine(Cache.StagingFolder(Model, "cuda-fp16"), Weights + ".partial");
        Assert.Equal(DropAfterBytes, new FileInfo(partial).Length);

        var folder = await FetchAsync();

        Assert.Equal($"bytes={DropAfterBytes}-", _hub.RequestsFor(Weights)[^1].Header("Range"));
        Assert.Single(_hub.RequestsFor("genai_config.json"));
        Assert.Equal(_hub.Content(Weights), File.ReadAllBytes(Path.Combine(folder, Weights)));
    }

    [Fact]
    public async Task A_partial_file_that_already_holds_every_byte_is_verified_without_downloading_it_again()
    {
        var content = _hub.Content(Weights);
        _hub.Fault(Weights, (request, hit) => hit == 1 ? LoopbackResponse.File(request, [.. content, .. new byte[10]], dropAfterBytes: content.Length) : null);
        var variant = _hub.Variant(withSizes: false);
        await FailingFetchAsync(variant, Quick with { AttemptsPerFile = 1 });

        var folder = await FetchAsync(variant);

        var resumed = _hub.RequestsFor(Weights)[^1];
        Assert.Equal($"bytes={content.Length}-", resumed.Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(folder, Weights)));
    }

    [Fact]
    public async Task A_file_finished_by_an_earlier_run_is_checked_again_against_a_hash_the_manifest_has_gained_since()
    {
        _hub.Fault(Weights, (request, hit) => hit == 1 ? LoopbackResponse.File(request, _hub.Content(Weights), DropAfterBytes) : null);
        await FailingFetchAsync(_hub.Variant(withHashes: false), Quick with { AttemptsPerFile = 1 });
        var wrongHash = Convert.ToHexStringLower(SHA256.HashData("something else"u8));

        var message = await FailingFetchAsync(_hub.Variant(sha256Overrides: new Dictionary<string, string> { ["genai_config.json"] = wrongHash }));

        Assert.Contains($"genai_config.json: sha256 mismatch: expected {wrongHash}", message);
        Assert.Equal(2, _hub.RequestsFor("genai_config.json").Count);
        AssertNothingLooksComplete();
    }

    [Fact]
    public async Task A_corrupted_file_is_named_with_expected_and_actual_sha256_and_deleted()
    {
        var corrupted = _hub.Content(Weights).ToArray();
        corrupted[12345] ^= 0xFF;
        _hub.Fault(Weights, (request, _) => LoopbackResponse.File(request, corrupted));

        var message = await FailingFetchAsync();

        var expected = Convert.ToHexStringLower(SHA256.HashData(_hub.Content(Weights)));
        var actual = Convert.ToHexStringLower(SHA256.HashData(corrupted));
        Assert.Contains($"{Weights}: sha256 mismatch: expected {expected}, got {actual}", message);
        AssertNothingLooksComplete();
        Assert.Empty(Directory.GetFiles(Cache.StagingFolder(Model, "cuda-fp16"), "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_file_of_another_size_than_the_manifest_says_is_refused_before_it_is_downloaded()
    {
        _hub.Fault(Weights, (request, _) => LoopbackResponse.File(request, [.. _hub.Content(Weights), 0]));

        var message = await FailingFetchAsync();

        Assert.Contains($"{Weights}: {_hub.Settings().Endpoint}", message);
        Assert.Contains($"has {_hub.Content(Weights).Length + 1} bytes, the manifest says {_hub.Content(Weights).Length}", message);
        AssertNothingLooksComplete();
    }

    [Fact]
    public async Task Not_found_names_the_url_and_is_not_retried()
    {
        _hub.Fault("genai_config.json", (_, _) => LoopbackResponse.Text(404, "Entry not found"));

        var message = await FailingFetchAsync();

        Assert.Contains($"HTTP 404 not found: {_hub.Settings().Endpoint}{FakeHub.Repo}/resolve/{FakeHub.Revision}/{FakeHub.Folder}/genai_config.json", message);
        Assert.Single(_hub.RequestsFor("genai_config.json"));
        AssertNothingLooksComplete();
    }

    [Fact]
    public async Task Unauthorized_without_a_token_says_to_accept_the_licence_and_set_HF_TOKEN()
    {
        _hub.Fault("genai_config.json", (_, _) => LoopbackResponse.Text(401));

        var message = await FailingFetchAsync();

        Assert.Contains($"{FakeHub.Repo} is gated or private", message);
        Assert.Contains($"Accept its licence on {_hub.Settings().Endpoint}{FakeHub.Repo}", message);
        Assert.Contains("set HF_TOKEN", message);
        Assert.Contains("HF_TOKEN is not set", message);
        AssertNothingLooksComplete();
    }

    [Fact]
    public async Task Forbidden_with_a_token_says_the_token_was_refused()
    {
        _hub.Fault("genai_config.json", (_, _) => LoopbackResponse.Text(403));

        var message = await FailingFetchAsync(token: "hf_no_access");

        Assert.Contains("HTTP 403", message);
        Assert.Contains("Accept its licence", message);
        Assert.Contains("refused the HF_TOKEN", message);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_with_a_clear_message_within_the_idle_timeout()
    {
        var serverDelay = TimeSpan.FromSeconds(30);
        _hub.Fault("genai_config.json", (_, _) => LoopbackResponse.Text(200) with { DelayBeforeHeaders = serverDelay });
        var clock = Stopwatch.StartNew();

        var message = await FailingFetchAsync(options: new FetchOptions(TimeSpan.FromMilliseconds(300), AttemptsPerFile: 2, RetryDelay: TimeSpan.Zero));

        // Two attempts that each waited for the server's 30 s would take a minute: ending before one delay is the timeout at work.
        // The attempts are counted by the client's message, not by the server: on a busy machine an attempt the client
        // gave up on may never have reached the loopback server's request log.
        Assert.True(clock.Elapsed < serverDelay, $"the fetch took {clock.Elapsed.TotalSeconds:F1} s, as long as the server's delay");
        Assert.Contains("genai_config.json: timed out: nothing from 127.0.0.1", message);
        Assert.Contains("for 0.3 s", message);
        Assert.Contains("gave up after 2 attempts", message);
        AssertNothingLooksComplete();
    }

    [Fact]
    public async Task A_server_error_is_retried()
    {
        _hub.Fault("genai_config.json", (_, hit) => hit == 1 ? LoopbackResponse.Text(503) : null);

        await FetchAsync();

        Assert.Equal(2, _hub.RequestsFor("genai_config.json").Count);
    }

    [Fact]
    public async Task A_finished_fetch_is_not_downloaded_again()
    {
        await FetchAsync();
        var requestsAfterFirst = _hub.Requests.Count;

        var folder = await FetchAsync();

        Assert.Equal(VariantFolder, folder);
        Assert.Equal(requestsAfterFirst, _hub.Requests.Count);
    }

    [Fact]
    public async Task A_changed_revision_is_fetched_again_and_replaces_the_cached_copy()
    {
        await FetchAsync();
        var files = FakeHub.SmallModel();
        files["genai_config.json"] = """{ "model": { "type": "test", "revision": 2 } }"""u8.ToArray();
        using var newer = new FakeHub(files, revision: "v2");
        Assert.Null(Cache.CompleteFolder(Model, "cuda-fp16", (HuggingFaceModelSource)newer.Variant().Source));

        using var fetcher = new VariantFetcher(Cache, newer.Settings(), Quick);
        var folder = await fetcher.FetchAsync(Model, newer.Variant(), new RecordingFetchProgress(), CancellationToken.None);

        Assert.Equal(files["genai_config.json"], File.ReadAllBytes(Path.Combine(folder, "genai_config.json")));
        Assert.Equal("v2", FetchMarker.ReadFrom(folder)!.Revision);
        Assert.Equal([VariantFolder], Directory.GetDirectories(Path.Combine(Cache.Root, Model)));
    }

    [Fact]
    public async Task A_failed_fetch_of_a_changed_revision_keeps_the_finished_copy_of_the_old_one()
    {
        await FetchAsync();
        var moved = _hub.Variant() with { Source = new HuggingFaceModelSource(FakeHub.Repo, "main", FakeHub.Folder) };

        var message = await FailingFetchAsync(moved);

        Assert.Contains($"/{FakeHub.Repo}/resolve/main/{FakeHub.Folder}/genai_config.json", message);
        Assert.NotNull(Cache.CompleteFolder(Model, "cuda-fp16", (HuggingFaceModelSource)_hub.Variant().Source));
    }

    [Fact]
    public async Task A_second_fetch_of_the_same_variant_at_the_same_time_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(Cache.Root, Model));
        using var held = new FileStream(Cache.LockFile(Model, "cuda-fp16"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var message = await FailingFetchAsync();

        Assert.Contains("another inferbench fetch is downloading it", message);
        Assert.Empty(_hub.Requests);
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("/etc/passwd")]
    [InlineData("a/./b")]
    public async Task A_file_path_that_would_leave_the_variant_folder_is_bad_input(string path)
    {
        var variant = _hub.Variant() with { Files = [new ManifestFile { Path = path }] };

        var error = await Assert.ThrowsAsync<InputException>(() => FetchAsync(variant));

        Assert.Contains($"file path \"{path}\" must be relative", error.Message);
        Assert.Empty(_hub.Requests);
    }

    [Fact]
    public async Task A_variant_without_files_cannot_be_fetched()
    {
        var error = await Assert.ThrowsAsync<InputException>(() => FetchAsync(_hub.Variant() with { Files = [] }));

        Assert.Equal($"{Model}/cuda-fp16: the manifest lists no files; fetch downloads exactly the variant's \"files\"", error.Message);
    }
}
