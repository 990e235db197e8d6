using InferBench.Cli.Progress;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

public sealed class PlainRunProgressTests
{
    [Fact]
    public void A_reps_auto_row_says_why_it_stopped_and_the_half_width_it_reached()
    {
        Assert.EndsWith("(median of 5; stopped max-reps at ±3.1%, target ±2%)", PlainRunProgress.Describe(ReportSamples.OkRow()));
    }

    [Fact]
    public void A_fixed_reps_row_says_only_its_count()
    {
        var row = ReportSamples.OkRow() with { RepetitionStop = new RepetitionStop(RepetitionStopReason.Planned, 5, 3.125, 0.25, null) };

        Assert.EndsWith("(median of 5)", PlainRunProgress.Describe(row));
    }
}
