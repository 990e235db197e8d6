using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace InferBench.Fetch;

/// <summary>
/// Downloads one URL into a <c>.partial</c> file, resuming with an HTTP Range request from whatever an earlier
/// attempt (or an earlier run) left on disk, and retrying when the connection breaks off or stalls. Redirects are
/// followed here, not by the client, so that the Hub's answer itself is read: for a file stored with Git LFS it lists
/// the file's SHA-256 in <c>X-Linked-Etag</c> before redirecting to its CDN (as huggingface_hub reads it).
/// </summary>
internal sealed class PartialFileDownloader(HttpClient client, HubSettings hub, FetchOptions options, IFetchProgress progress)
{
    private const int BufferBytes = 1 << 20;
    private const int MaxRedirects = 5;

    /// <param name="displayPath">The file's path in the variant, for messages and progress.</param>
    /// <param name="expectedBytes">The size the manifest gives; null when it does not.</param>
    /// <returns>The length of the finished <paramref name="partialPath"/>, and the SHA-256 the Hub lists for the file (null where it lists none).</returns>
    /// <exception cref="FetchException">The download cannot finish; the partial file is kept unless it cannot be right.</exception>
    public async Task<DownloadedFile> DownloadAsync(Uri url, string repo, string displayPath, string partialPath, long? expectedBytes, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(url, repo, displayPath, partialPath, expectedBytes, cancellation);
            }
            catch (TransientFetchException e) when (attempt < options.AttemptsPerFile)
            {
                progress.Retrying(displayPath, attempt + 1, e.Message);
                await Task.Delay(options.RetryDelay, cancellation);
            }
            catch (TransientFetchException e)
            {
                var kept = LengthOf(partialPath);
                throw new FetchException(
                    $"{displayPath}: {e.Message} (gave up after {attempt} attempt{(attempt == 1 ? "" : "s")}); "
                    + (kept > 0
                        ? $"the {kept} bytes downloaded so far are kept in {partialPath}: run the same command again to resume"
                        : "run the same command again to retry"));
            }
        }
    }

    private async Task<DownloadedFile> AttemptAsync(Uri url, string repo, string displayPath, string partialPath, long? expectedBytes, CancellationToken cancellation)
    {
        var onDisk = LengthOf(partialPath);
        if (onDisk > 0 && onDisk == expectedBytes)
            return new(onDisk, null);
        if (onDisk > expectedBytes)
        {
            File.Delete(partialPath);
            onDisk = 0;
        }

        // One token for the whole attempt; CancelAfter is re-armed before every wait, so it fires only on a stall.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            idle.CancelAfter(options.IdleTimeout);
            var (response, listedSha256) = await SendFollowingRedirectsAsync(url, onDisk, idle.Token);
            using var disposeResponse = response;
            if (onDisk > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && response.Content.Headers.ContentRange?.Length == onDisk)
                return new(onDisk, listedSha256); // an earlier run got every byte but stopped before verifying
            var (append, totalBytes) = Interpret(response, url, repo, partialPath, onDisk);
            if (!append)
                onDisk = 0;
            if (expectedBytes is { } expected && totalBytes is { } announced && announced != expected)
            {
                File.Delete(partialPath);
                throw new FetchException(
                    $"{displayPath}: {url} has {announced} bytes, the manifest says {expected}; the manifest's revision or sizeBytes is wrong");
            }

            var size = totalBytes ?? expectedBytes;
            progress.FileStarted(displayPath, size, onDisk);
            var length = onDisk + await CopyBodyAsync(response, displayPath, partialPath, append, idle, cancellation);
            if (size is { } whole && length < whole)
                throw new TransientFetchException($"the connection to {url.Authority} closed after {length} of {whole} bytes");
            return new(length, listedSha256);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TransientFetchException($"timed out: nothing from {url.Authority} for {options.IdleTimeout.TotalSeconds:0.###} s while downloading {url}");
        }
        catch (HttpRequestException e)
        {
            throw new TransientFetchException($"cannot reach {url.Authority}: {e.Message}");
        }
        catch (IOException e) when (e is HttpIOException || e.InnerException is SocketException)
        {
            throw new TransientFetchException($"the connection to {url.Authority} broke off: {e.Message}");
        }
    }

    /// <summary>
    /// The response once redirects are followed (the token goes to the Hub's own host only, as a client's automatic
    /// redirect would drop it too), and the SHA-256 the first answer that lists one gives.
    /// </summary>
    private async Task<(HttpResponseMessage Response, string? ListedSha256)> SendFollowingRedirectsAsync(Uri url, long onDisk, CancellationToken token)
    {
        string? listedSha256 = null;
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (hub.Token is not null && url.Authority == hub.Endpoint.Authority)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hub.Token);
            if (onDisk > 0)
                request.Headers.Range = new RangeHeaderValue(onDisk, null);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            listedSha256 ??= ListedSha256(response);
            if ((int)response.StatusCode is < 300 or > 399 || response.Headers.Location is not { } location)
                return (response, listedSha256);
            response.Dispose();
            if (redirects == MaxRedirects)
                throw new FetchException($"{url}: more than {MaxRedirects} redirects");
            url = new Uri(url, location);
        }
    }

    /// <summary>The SHA-256 in <c>X-Linked-Etag</c> (quoted, lowercase hex), or null where the answer has none that reads as one.</summary>
    private static string? ListedSha256(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Linked-Etag", out var values))
            return null;
        var value = values.First().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        value = value.Trim('"').ToLowerInvariant();
        return value.Length == 64 && value.All(char.IsAsciiHexDigitLower) ? value : null;
    }

    /// <summary>
    /// Whether the body continues the partial file, and the file's full size where the server says it: Content-Range
    /// on 206; Content-Length on 200, which a server that ignores Range sends with the whole file.
    /// </summary>
    private (bool Append, long? TotalBytes) Interpret(HttpResponseMessage response, Uri url, string repo, string partialPath, long onDisk)
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange is { From: { } from } range && from == onDisk)
            return (true, range.Length);
        if (status == HttpStatusCode.OK)
            return (false, response.Content.Headers.ContentLength);
        if (status is HttpStatusCode.PartialContent or HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            File.Delete(partialPath);
            throw new TransientFetchException($"{url} did not continue the partial file at byte {onDisk} (HTTP {(int)status}); starting the file over");
        }
        if (HttpFailureMessages.IsTransient(status))
            throw new TransientFetchException(HttpFailureMessages.For(status, url, repo, hub));
        throw new FetchException(HttpFailureMessages.For(status, url, repo, hub));
    }

    private async Task<long> CopyBodyAsync(
        HttpResponseMessage response, string displayPath, string partialPath, bool append, CancellationTokenSource idle, CancellationToken cancellation)
    {
        await using var body = await response.Content.ReadAsStreamAsync(idle.Token);
        // Unbuffered: every chunk is on disk once written, so a process killed mid-download (a second Ctrl-C) keeps it.
        await using var file = new FileStream(partialPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long written = 0;
            while (true)
            {
                idle.CancelAfter(options.IdleTimeout);
                var read = await body.ReadAsync(buffer.AsMemory(0, BufferBytes), idle.Token);
                if (read == 0)
                    return written;
                await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
                written += read;
                progress.BytesWritten(displayPath, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long LengthOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
