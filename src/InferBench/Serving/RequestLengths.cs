using InferBench.Results;

namespace InferBench.Serving;

/// <summary>
/// Draws each request's lengths, the same sequence for every point of a run: fixed, uniform in the plan's ranges (seeded),
/// or a lengths file's lines in turn. Every prompt shares the plan's prefix unless its file line gives one.
/// </summary>
public sealed class RequestLengths
{
    public const string FixedKind = "fixed";
    public const string UniformKind = "uniform";
    public const string FileKind = "file";

    private readonly ServingLengths _lengths;
    private readonly int _sharedPrefixTokens;
    private readonly IReadOnlyList<RequestLength>? _fromFile;
    private readonly Random _random;
    private int _drawn;

    /// <param name="fromFile">The lengths file's lines where <see cref="ServingLengths.Kind"/> is file.</param>
    public RequestLengths(ServingLengths lengths, int sharedPrefixTokens, int seed, IReadOnlyList<RequestLength>? fromFile)
    {
        if (lengths.Kind == FileKind && fromFile is not { Count: > 0 })
            throw new ArgumentException("file lengths need the file's lines", nameof(fromFile));
        _lengths = lengths;
        _sharedPrefixTokens = sharedPrefixTokens;
        _fromFile = lengths.Kind == FileKind ? fromFile : null;
        // Its own stream, apart from the arrivals', so the lengths do not change with the load.
        _random = new Random(unchecked(seed * 7919 + 17));
    }

    /// <summary>The longest prompt plus output any request can ask for.</summary>
    public long MostTotalTokens => _fromFile?.Max(l => l.TotalTokens) ?? (long)_lengths.PromptTokensMax + _lengths.OutputTokensMax;

    /// <summary>The most tokens of the shared prefix any request uses.</summary>
    public int MostSharedPrefixTokens => _fromFile?.Max(line => Resolved(line).SharedPrefixTokens) ?? _sharedPrefixTokens;

    public RequestLength Next()
    {
        if (_fromFile is not null)
            return Resolved(_fromFile[_drawn++ % _fromFile.Count]);
        _drawn++;
        return new RequestLength(
            _random.Next(_lengths.PromptTokensMin, _lengths.PromptTokensMax + 1),
            _random.Next(_lengths.OutputTokensMin, _lengths.OutputTokensMax + 1),
            _sharedPrefixTokens);
    }

    /// <summary>A file line with its prefix: its own where above 0, else the plan's, cut to the line's prompt where that is shorter.</summary>
    private RequestLength Resolved(RequestLength line) =>
        line.SharedPrefixTokens > 0 ? line : line with { SharedPrefixTokens = Math.Min(_sharedPrefixTokens, line.PromptTokens) };
}
