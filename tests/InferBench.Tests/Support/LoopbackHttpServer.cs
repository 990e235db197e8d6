using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InferBench.Tests.Support;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 and a free port, one request per connection, for tests that must not leave
/// the machine. Being raw TCP, it can break a response off midway or never answer, as real networks do.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private const int MaxConnections = 1000;
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<LoopbackRequest, LoopbackResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();

    public LoopbackHttpServer(Func<LoopbackRequest, LoopbackResponse> handler)
    {
        _handler = handler;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<LoopbackRequest> Requests => _requests.ToArray();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        for (var accepted = 0; accepted < MaxConnections; accepted++)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(ReadTimeout);
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, timeout.Token);
                _requests.Enqueue(request);
                var response = _handler(request);
                if (response.DelayBeforeHeaders > TimeSpan.Zero)
                    await Task.Delay(response.DelayBeforeHeaders, _stop.Token);
                await WriteResponseAsync(stream, response, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away or the test is over.
            }
        }
    }

    private static async Task<LoopbackRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var head = new List<byte>();
        var buffer = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Count >= MaxHeadBytes || await stream.ReadAsync(buffer, cancellation) == 0)
                throw new IOException("incomplete request head");
            head.Add(buffer[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new LoopbackRequest(requestLine[0], requestLine[1], headers);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private static async Task WriteResponseAsync(NetworkStream stream, LoopbackResponse response, CancellationToken cancellation)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellation);
        var sent = (int)Math.Min(response.Body.Length, Math.Min(response.DropAfterBytes ?? long.MaxValue, response.StallAfterBytes ?? long.MaxValue));
        await stream.WriteAsync(response.Body.AsMemory(0, sent), cancellation);
        await stream.FlushAsync(cancellation);
        if (response.StallAfterBytes is not null)
            await Task.Delay(Timeout.Infinite, cancellation);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        206 => "Partial Content",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        _ => "Status",
    };
}
