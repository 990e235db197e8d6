using System.Net;

namespace InferBench.Fetch;

/// <summary>Words an HTTP status from the Hub as what to do about it.</summary>
internal static class HttpFailureMessages
{
    public static string For(HttpStatusCode status, Uri url, string repo, HubSettings hub) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            $"HTTP {(int)status} from {url}: {repo} is gated or private. Accept its licence on {HubUrls.ModelPage(hub.Endpoint, repo)} "
            + (hub.Token is null
                ? "and set HF_TOKEN to a Hugging Face access token with read access (HF_TOKEN is not set)"
                : "with the account HF_TOKEN belongs to, and check the token has read access (the Hub refused the HF_TOKEN given)"),
        HttpStatusCode.NotFound =>
            $"HTTP 404 not found: {url}; check the repo, revision, folder and file path in the manifest",
        _ => $"HTTP {(int)status} {status} from {url}",
    };

    /// <summary>Statuses worth another try: the server or something in front of it is briefly unwell.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
