using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Tests.Runner;

public sealed class LatencyTargetParserTests
{
    [Fact]
    public void Reads_metrics_with_their_statistic_and_limits_in_any_unit_as_milliseconds()
    {
        var targets = LatencyTargetParser.Parse(["ttft=1s,itl-p99=50ms", "e2e-p90=2500us", "ITL=0.5ms"]);

        Assert.Equal(
            [new LatencyTarget(LatencyMetric.Ttft, 1000), new LatencyTarget(LatencyMetric.ItlP99, 50), new LatencyTarget(LatencyMetric.E2eP90, 2.5),
             new LatencyTarget(LatencyMetric.Itl, 0.5)],
            targets);
    }

    [Theory]
    [InlineData("ttft", "expected metric=limit")]
    [InlineData("tpot=30ms", "expected a metric among ttft, ttft-p90, ttft-p99, itl, itl-p90, itl-p99, e2e, e2e-p90, e2e-p99, got \"tpot\"")]
    [InlineData("itl-p99=30", "itl-p99: expected a number with a unit (us, ms or s)")]
    [InlineData("itl-p99=NaNms", "itl-p99: expected a limit above 0")]
    [InlineData("itl-p99=0ms", "expected a limit above 0")]
    [InlineData("ttft=1e309s", "expected a limit above 0")]
    [InlineData("ttft=-1s", "expected a limit above 0")]
    [InlineData("ttft=2d", "expected a number with a unit")]
    [InlineData("ttft=1s,ttft=2s", "ttft is given twice")]
    public void Refuses_what_is_not_a_target_naming_the_field_and_what_was_expected(string text, string expected)
    {
        var error = Assert.Throws<InputFieldException>(() => LatencyTargetParser.Parse([text]));

        Assert.Equal([LatencyTargetParser.Field], error.Fields);
        Assert.Contains(expected, error.Problem);
    }
}
