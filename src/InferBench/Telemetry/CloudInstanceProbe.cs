using System.Text.RegularExpressions;
using InferBench.Results;

namespace InferBench.Telemetry;

/// <summary>
/// Asks the cloud metadata services (AWS IMDSv2, GCP, Azure IMDS) which instance type this machine is. All three are
/// asked at once under one short deadline, so a machine that is on no cloud loses at most <see cref="DefaultBudget"/>.
/// </summary>
public static partial class CloudInstanceProbe
{
    /// <summary>Set to 1 to skip the probe (tests, or hosts where the link-local address must not be contacted).</summary>
    public const string DisableVariable = "INFERBENCH_NO_CLOUD_METADATA";

    /// <summary>The link-local address all three providers serve their metadata on.</summary>
    public static readonly Uri DefaultEndpoint = new("http://169.254.169.254");

    public static readonly TimeSpan DefaultBudget = TimeSpan.FromMilliseconds(300);

    /// <summary>This machine's instance; null when not on a cloud, when the probe is disabled, or when no service answered in time.</summary>
    public static CloudInstance? Read() => Environment.GetEnvironmentVariable(DisableVariable) == "1"
        ? null
        : ReadAsync(DefaultEndpoint, DefaultBudget).GetAwaiter().GetResult();

    public static async Task<CloudInstance?> ReadAsync(Uri endpoint, TimeSpan budget)
    {
        // Never through a proxy: the metadata service is only reachable from the machine itself.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = budget })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var deadline = new CancellationTokenSource(budget);
        var answers = await Task.WhenAll(
            Aws(client, endpoint, deadline.Token),
            Gcp(client, endpoint, deadline.Token),
            Azure(client, endpoint, deadline.Token));
        return answers.FirstOrDefault(answer => answer is not null);
    }

    private static async Task<CloudInstance?> Aws(HttpClient client, Uri endpoint, CancellationToken deadline)
    {
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint, "/latest/api/token"));
        tokenRequest.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
        if (await TextOf(client, tokenRequest, deadline) is not { } token)
            return null;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "/latest/meta-data/instance-type"));
        request.Headers.Add("X-aws-ec2-metadata-token", token);
        return Instance("aws", await TextOf(client, request, deadline));
    }

    private static async Task<CloudInstance?> Gcp(HttpClient client, Uri endpoint, CancellationToken deadline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "/computeMetadata/v1/instance/machine-type"));
        request.Headers.Add("Metadata-Flavor", "Google");
        // GCP answers projects/<number>/machineTypes/<type>.
        return Instance("gcp", (await TextOf(client, request, deadline))?.Split('/')[^1]);
    }

    private static async Task<CloudInstance?> Azure(HttpClient client, Uri endpoint, CancellationToken deadline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "/metadata/instance/compute/vmSize?api-version=2021-02-01&format=text"));
        request.Headers.Add("Metadata", "true");
        return Instance("azure", await TextOf(client, request, deadline));
    }

    private static CloudInstance? Instance(string provider, string? instanceType) =>
        instanceType is not null && InstanceTypePattern().IsMatch(instanceType) ? new CloudInstance(provider, instanceType) : null;

    /// <summary>The trimmed body of a 2xx answer; null for any other answer, no answer, or one after the deadline.</summary>
    private static async Task<string?> TextOf(HttpClient client, HttpRequestMessage request, CancellationToken deadline)
    {
        try
        {
            using var response = await client.SendAsync(request, deadline);
            return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync(deadline)).Trim() : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex InstanceTypePattern();
}
