namespace InferBench.Results;

/// <summary>How a serving run's prompt and output lengths are drawn.</summary>
/// <param name="Kind">fixed (min = max), uniform (each drawn uniformly in [min, max], seeded) or file (pairs from <paramref name="File"/>, in turn).</param>
/// <param name="File">The lengths file as given; null unless <paramref name="Kind"/> is file.</param>
/// <param name="FileSha256">SHA-256 of the lengths file, hex; null unless <paramref name="Kind"/> is file.</param>
public sealed record ServingLengths(
    string Kind,
    int PromptTokensMin,
    int PromptTokensMax,
    int OutputTokensMin,
    int OutputTokensMax,
    string? File = null,
    string? FileSha256 = null);
