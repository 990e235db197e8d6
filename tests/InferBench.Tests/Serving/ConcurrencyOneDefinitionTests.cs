using InferBench.Results;
using InferBench.Statistics;
using InferBench.Tests.Support;

namespace InferBench.Tests.Serving;

/// <summary>
/// Concurrency 1 on a serving engine and batch 1 on the static path measure the same thing by the same definitions: one
/// request's timeline, read by both calculators, gives the same TTFT, inter-token gaps, end-to-end time, and a
/// per-user tok/s equal to the static decode tok/s. (Whether the two engines' numbers agree is a benchmark:
/// ServingAgreementBenchmarks.)
/// </summary>
public sealed class ConcurrencyOneDefinitionTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);
    private const int OutputTokens = 10;

    [Fact]
    public void A_request_served_alone_reads_as_a_batch_1_repetition_with_the_same_timeline()
    {
        var plan = ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = 5, WarmupRequests = 0 };
        var clock = new FakeClock();
        var serving = Assert.Single(ServingRun.Sweep(plan, new ClockedServingModel(clock, Step, maxBatch: 1), clock)).Metrics!;

        // The same timeline as a static repetition: the first token after one step, then one token a step.
        var stepMilliseconds = Step.TotalMilliseconds;
        var repetition = new RepetitionSample(
            RepetitionPhase.Measured, Iteration: 0, GeneratedTokens: OutputTokens,
            PrefillSeconds: Step.TotalSeconds, TimeToFirstTokenSeconds: Step.TotalSeconds,
            DecodeSeconds: (OutputTokens - 1) * Step.TotalSeconds, EndToEndSeconds: OutputTokens * Step.TotalSeconds,
            DecodeStepMilliseconds: [.. Enumerable.Repeat(stepMilliseconds, OutputTokens - 1)]);
        var batchOne = ScenarioMetricsCalculator.From([repetition], batchSize: 1, promptTokens: 5);

        Assert.Equal(batchOne.TimeToFirstTokenMilliseconds.Median, serving.TimeToFirstTokenMilliseconds.Median, precision: 9);
        Assert.Equal(batchOne.InterTokenLatencyMilliseconds.Median, serving.InterTokenLatencyMilliseconds!.Median, precision: 9);
        Assert.Equal(batchOne.EndToEndSeconds.Median * 1000, serving.EndToEndMilliseconds.Median, precision: 9);
        Assert.Equal(batchOne.DecodeTokensPerSecond.Median, serving.OutputTokensPerSecondPerUser!.Median, precision: 9);
        Assert.Equal(stepMilliseconds, serving.TimePerOutputTokenMilliseconds!.Median, precision: 9);
    }
}
