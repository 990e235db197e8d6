using System.Diagnostics;
using InferBench.Results;
using InferBench.Telemetry;
using InferBench.Tests.Support;

namespace InferBench.Tests.Telemetry;

/// <summary>The cloud metadata probe against loopback stand-ins for each provider; 169.254.169.254 is never contacted.</summary>
public sealed class CloudInstanceProbeTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);

    private static LoopbackResponse Aws(LoopbackRequest request) => (request.Method, request.Path) switch
    {
        ("PUT", "/latest/api/token") when request.Header("X-aws-ec2-metadata-token-ttl-seconds") is not null => LoopbackResponse.Text(200, "token-123"),
        ("GET", "/latest/meta-data/instance-type") when request.Header("X-aws-ec2-metadata-token") == "token-123" => LoopbackResponse.Text(200, "g5.xlarge\n"),
        ("GET", "/latest/meta-data/instance-type") => LoopbackResponse.Text(401),
        _ => LoopbackResponse.Text(404),
    };

    private static LoopbackResponse Gcp(LoopbackRequest request) =>
        request.Path == "/computeMetadata/v1/instance/machine-type" && request.Header("Metadata-Flavor") == "Google"
            ? LoopbackResponse.Text(200, "projects/123456/machineTypes/a3-highgpu-1g")
            : LoopbackResponse.Text(404);

    private static LoopbackResponse Azure(LoopbackRequest request) =>
        request.Path.StartsWith("/metadata/instance/compute/vmSize?", StringComparison.Ordinal) && request.Header("Metadata") == "true"
            ? LoopbackResponse.Text(200, "Standard_NC24ads_A100_v4")
            : LoopbackResponse.Text(400);

    public static TheoryData<string, CloudInstance> Providers() => new()
    {
        { "aws", new CloudInstance("aws", "g5.xlarge") },
        { "gcp", new CloudInstance("gcp", "a3-highgpu-1g") },
        { "azure", new CloudInstance("azure", "Standard_NC24ads_A100_v4") },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_providers_metadata_service_yields_its_instance_type(string provider, CloudInstance expected)
    {
        Func<LoopbackRequest, LoopbackResponse> handler = provider switch { "aws" => Aws, "gcp" => Gcp, _ => Azure };
        using var server = new LoopbackHttpServer(handler);

        Assert.Equal(expected, await CloudInstanceProbe.ReadAsync(server.BaseUri, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task The_aws_token_comes_first_and_is_sent_with_the_question()
    {
        using var server = new LoopbackHttpServer(Aws);

        await CloudInstanceProbe.ReadAsync(server.BaseUri, TimeSpan.FromSeconds(5));

        var aws = server.Requests.Where(request => request.Path.StartsWith("/latest/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["PUT /latest/api/token", "GET /latest/meta-data/instance-type"], aws.Select(request => $"{request.Method} {request.Path}"));
        Assert.Equal("token-123", aws[1].Header("X-aws-ec2-metadata-token"));
    }

    [Fact]
    public async Task A_host_on_no_cloud_gives_no_instance()
    {
        using var server = new LoopbackHttpServer(_ => LoopbackResponse.Text(404));

        Assert.Null(await CloudInstanceProbe.ReadAsync(server.BaseUri, Budget));
    }

    [Fact]
    public async Task A_metadata_service_that_does_not_answer_costs_no_more_than_the_budget()
    {
        var serverDelay = TimeSpan.FromSeconds(30);
        using var server = new LoopbackHttpServer(_ => LoopbackResponse.Text(200, "late.xlarge") with { DelayBeforeHeaders = serverDelay });
        var clock = Stopwatch.StartNew();

        var instance = await CloudInstanceProbe.ReadAsync(server.BaseUri, Budget);

        // Ending before the server's delay is the budget at work (waiting for the answer takes 30 s); a fixed bound of a
        // few times the budget would fail on a machine busy enough to stall this thread.
        Assert.Null(instance);
        Assert.True(clock.Elapsed < serverDelay, $"the probe took {clock.Elapsed.TotalSeconds:F1} s, as long as the server's delay");
    }

    [Fact]
    public async Task An_answer_that_is_not_an_instance_type_is_ignored()
    {
        using var server = new LoopbackHttpServer(request => request.Header("Metadata") == "true"
            ? LoopbackResponse.Text(200, "<html>captive portal</html>")
            : LoopbackResponse.Text(404));

        Assert.Null(await CloudInstanceProbe.ReadAsync(server.BaseUri, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Tests_run_with_the_probe_disabled_so_host_facts_never_contact_the_metadata_address()
    {
        Assert.Equal("1", Environment.GetEnvironmentVariable(CloudInstanceProbe.DisableVariable));
        Assert.Null(CloudInstanceProbe.Read());
        Assert.Null(HostFactsProbe.Read().Cloud);
    }
}
