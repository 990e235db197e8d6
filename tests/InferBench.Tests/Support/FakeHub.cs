using System.Collections.Concurrent;
using System.Security.Cryptography;
using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Results;

namespace InferBench.Tests.Support;

/// <summary>
/// A Hugging Face Hub stand-in on the loopback address: serves one variant folder under
/// <c>/{repo}/resolve/{revision}/{folder}/</c> (a checkpoint: the repository's root, with no folder), honours Range,
/// and misbehaves per file when a test says so.
/// </summary>
internal sealed class FakeHub : IDisposable
{
    public const string Repo = "acme/tiny-onnx";
    public const string Revision = "0123456789abcdef0123456789abcdef01234567";
    public const string Folder = "cuda/cuda-fp16";

    private readonly Dictionary<string, byte[]> _files;
    private readonly ConcurrentDictionary<string, Func<LoopbackRequest, int, LoopbackResponse?>> _faults = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentDictionary<string, string> _listedSha256 = new();
    private readonly LoopbackHttpServer _server;
    private readonly string _revision;
    private readonly string _repo;
    private readonly string? _folder;

    public FakeHub(Dictionary<string, byte[]> files, string revision = Revision, string repo = Repo, string? folder = Folder)
    {
        _files = files;
        _revision = revision;
        _repo = repo;
        _folder = folder;
        _server = new LoopbackHttpServer(Serve);
    }

    /// <summary>A model folder of generated files: a config, a tokenizer and a 3 MiB weights file of seeded random bytes.</summary>
    public static Dictionary<string, byte[]> SmallModel()
    {
        var weights = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(weights);
        return new Dictionary<string, byte[]>
        {
            ["genai_config.json"] = """{ "model": { "type": "test" } }"""u8.ToArray(),
            ["model.onnx.data"] = weights,
            ["tokenizer/tokenizer.json"] = """{ "version": "1.0" }"""u8.ToArray(),
        };
    }

    public HubSettings Settings(string? token = null) => new(_server.BaseUri, token);

    public IReadOnlyList<LoopbackRequest> Requests => _server.Requests;

    public IReadOnlyList<LoopbackRequest> RequestsFor(string file) =>
        Requests.Where(request => request.Path == PathOf(file)).ToArray();

    /// <summary>Answers requests for <paramref name="file"/> with <paramref name="fault"/> (given the 1-based request count) while it returns non-null.</summary>
    public void Fault(string file, Func<LoopbackRequest, int, LoopbackResponse?> fault) => _faults[PathOf(file)] = fault;

    /// <summary>A variant listing every served file; sizes and hashes where the test wants them checked.</summary>
    public ManifestVariant Variant(bool withSizes = true, bool withHashes = true, IReadOnlyDictionary<string, string>? sha256Overrides = null) => new()
    {
        Id = "cuda-fp16",
        Precision = Precision.Fp16,
        ExecutionProviders = [ExecutionProvider.Cuda],
        Source = new HuggingFaceModelSource(Repo, _revision, Folder),
        Files = [.. _files.Select(file => new ManifestFile
        {
            Path = file.Key,
            SizeBytes = withSizes ? file.Value.LongLength : null,
            Sha256 = sha256Overrides?.GetValueOrDefault(file.Key) ?? (withHashes ? Convert.ToHexStringLower(SHA256.HashData(file.Value)) : null),
        })],
    };

    public byte[] Content(string file) => _files[file];

    /// <summary>
    /// Answers <paramref name="file"/>'s resolve URL as the Hub answers for a Git LFS file: a 302 to a CDN path that lists
    /// <paramref name="sha256"/> in X-Linked-Etag (quoted, as the Hub sends it).
    /// </summary>
    public void ListAsLfs(string file, string sha256) => _listedSha256[file] = sha256;

    public const string CdnPrefix = "/cdn/";

    public void Dispose() => _server.Dispose();

    private string PathOf(string file) => _folder is null ? $"/{_repo}/resolve/{_revision}/{file}" : $"/{_repo}/resolve/{_revision}/{_folder}/{file}";

    private LoopbackResponse Serve(LoopbackRequest request)
    {
        var hit = _hits.AddOrUpdate(request.Path, 1, (_, count) => count + 1);
        if (_faults.TryGetValue(request.Path, out var fault) && fault(request, hit) is { } faulty)
            return faulty;
        if (request.Path.StartsWith(CdnPrefix, StringComparison.Ordinal) && _files.TryGetValue(request.Path[CdnPrefix.Length..], out var onCdn))
            return LoopbackResponse.File(request, onCdn);
        var file = _files.FirstOrDefault(entry => PathOf(entry.Key) == request.Path);
        if (file.Value is not null && _listedSha256.TryGetValue(file.Key, out var listed))
            return new LoopbackResponse(302, [], new Dictionary<string, string> { ["Location"] = CdnPrefix + file.Key, ["X-Linked-Etag"] = $"\"{listed}\"" });
        return file.Value is null ? LoopbackResponse.Text(404, "Entry not found") : LoopbackResponse.File(request, file.Value);
    }
}
