using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>The serving section's sentences beyond the golden sample: no targets, saturation at the lightest load, a shared prefix the engine does not reuse.</summary>
public sealed class ServingSectionTests
{
    private static readonly MarkdownReportExporter Exporter = new();

    [Fact]
    public void A_static_run_has_no_serving_section()
    {
        Assert.DoesNotContain("serving under load", Exporter.Export(ReportSamples.QuantizedRun()), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_targets_the_best_point_is_the_highest_throughput_and_goodput_is_said_to_need_targets()
    {
        var run = ServingSamples.Run();
        var report = Exporter.Export(run with { Plan = run.Plan with { LatencyTargets = null } });

        Assert.Contains("no latency targets (goodput needs --slo)", report, StringComparison.Ordinal);
        Assert.Contains("cpu-int4 on cpu: highest throughput (no latency targets): concurrency 4: 727 output tok/s", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_saturated_at_the_lightest_load_and_a_prefix_the_engine_does_not_reuse_are_named()
    {
        var run = ServingSamples.Run();
        var rates = ServingSamples.Points().Skip(3).Select(point => point with { Metrics = point.Metrics! with { Saturated = true, SaturationReason = null } });
        var report = Exporter.Export(run with
        {
            Plan = run.Plan with { Serving = ServingSamples.Plan with { SharedPrefixTokens = 8 } },
            Serving = [.. ServingSamples.Points().Take(3), .. rates],
        });

        Assert.Contains("cpu-int4 on cpu, request-rate: saturated already at 2.00 requests/s, the lightest load measured.", report, StringComparison.Ordinal);
        Assert.Contains("every prompt starts with the same 8 tokens, which this engine does not reuse", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimated_steady_state_energy_is_marked_and_a_failed_point_says_why()
    {
        var run = ServingSamples.Run();
        var failed = ServingSamples.Points()[0] with { Status = ResultStatus.Unsupported, Reason = "the runtime has no Engine API", Metrics = null, Energy = null, Targets = null };
        var report = Exporter.Export(run with { Serving = [failed, .. ServingSamples.Points().Skip(1)] });

        Assert.Contains("| cpu-int4 | cpu | concurrency 1 | unsupported: the runtime has no Engine API |", report, StringComparison.Ordinal);
        Assert.Contains("0.0300 (est.)", report, StringComparison.Ordinal);
    }
}
