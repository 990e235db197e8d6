namespace InferBench.Tests.Support;

/// <summary>What <see cref="LoopbackHttpServer"/> answers, and how it misbehaves when a test asks it to.</summary>
/// <param name="DropAfterBytes">Close the connection after this many body bytes, though Content-Length promised all of them.</param>
/// <param name="DelayBeforeHeaders">Wait this long before answering at all (the wait ends when the server is disposed).</param>
/// <param name="StallAfterBytes">Send this many body bytes, then nothing more, keeping the connection open until the server is disposed.</param>
public sealed record LoopbackResponse(
    int Status,
    byte[] Body,
    IReadOnlyDictionary<string, string>? Headers = null,
    long? DropAfterBytes = null,
    TimeSpan DelayBeforeHeaders = default,
    long? StallAfterBytes = null)
{
    public static LoopbackResponse Text(int status, string body = "") => new(status, System.Text.Encoding.UTF8.GetBytes(body));

    /// <summary>The whole of <paramref name="content"/>, or from the offset of a <c>Range: bytes=N-</c> request on (206).</summary>
    public static LoopbackResponse File(LoopbackRequest request, byte[] content, long? dropAfterBytes = null)
    {
        if (request.Header("Range") is not { } range)
            return new LoopbackResponse(200, content, DropAfterBytes: dropAfterBytes);
        var from = int.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
        if (from >= content.Length)
            return new LoopbackResponse(416, [], new Dictionary<string, string> { ["Content-Range"] = $"bytes */{content.Length}" });
        return new LoopbackResponse(206, content[from..],
            new Dictionary<string, string> { ["Content-Range"] = $"bytes {from}-{content.Length - 1}/{content.Length}" },
            dropAfterBytes);
    }
}
