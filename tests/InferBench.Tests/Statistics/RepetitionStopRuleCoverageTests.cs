using InferBench.Tests.Support;
using static InferBench.Tests.Support.StopRuleSimulation;

namespace InferBench.Tests.Statistics;

/// <summary>What <c>--reps auto</c>'s interval claims, checked on scripted timings (<see cref="StopRuleSimulation"/>).</summary>
public sealed class RepetitionStopRuleCoverageTests
{
    [Theory]
    [InlineData(0.0, IndependentSeed)]
    [InlineData(0.5, AutocorrelatedSeed)]
    public void TheIntervalAtTheStopCoversTheTrueMedianAtCloseToNinetyFivePercent(double autocorrelation, int seed)
    {
        Assert.InRange(RuleCoverage(autocorrelation, seed).Coverage, 0.93, 0.99);
    }

    /// <summary>The median's distribution-free interval is coarser than the mean's t interval: ±2% at 3% CV stops within 50 repetitions, at 5% CV mostly not.</summary>
    [Fact]
    public void WithIndependentRepetitionsAtThreePercentCvMostPointsStopPrecise()
    {
        Assert.InRange(RuleCoverage(0.0, IndependentSeed, coefficientOfVariation: 0.03).Precise, 0.8, 1);
    }

    /// <summary>Why the rule is not the naive one: Student t on values taken as independent, stopping at the first narrow interval.</summary>
    [Fact]
    public void TheNaiveRuleUndercoversTheAutocorrelatedCase()
    {
        Assert.InRange(NaiveCoverage(0.5, AutocorrelatedSeed), 0, 0.85);
    }
}
