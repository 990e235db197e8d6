namespace InferBench.Fetch;

/// <summary>Where the Hugging Face Hub is and the token to show it, as the Hub's own tools read them.</summary>
/// <param name="Endpoint">HF_ENDPOINT, else https://huggingface.co; a mirror or a test server may stand in.</param>
/// <param name="Token">HF_TOKEN, sent as a Bearer token; null for public repositories.</param>
public sealed record HubSettings(Uri Endpoint, string? Token)
{
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    /// <exception cref="InputException">HF_ENDPOINT is set but is not an absolute http or https URL.</exception>
    public static HubSettings FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT");
        var token = Environment.GetEnvironmentVariable("HF_TOKEN");
        return new HubSettings(
            string.IsNullOrWhiteSpace(endpoint) ? DefaultEndpoint : ParseEndpoint(endpoint),
            string.IsNullOrWhiteSpace(token) ? null : token.Trim());
    }

    private static Uri ParseEndpoint(string text) =>
        Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InputException($"HF_ENDPOINT: expected an absolute http or https URL, got \"{text}\"");
}
