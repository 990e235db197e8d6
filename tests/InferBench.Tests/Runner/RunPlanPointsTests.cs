using InferBench.Results;
using InferBench.Runner;
using InferBench.Statistics;

namespace InferBench.Tests.Runner;

public class RunPlanPointsTests
{
    private static readonly RunPlanRecord Plan = new([16], [8], [1], 1, 2, null, 1, ExecutionProvider.Cpu, null);

    public static TheoryData<RunPlanRecord, string, string> OutOfRange => new()
    {
        { Plan with { GenTokens = [8, 1] }, "GenTokens", "GenTokens: expected a whole number from 2 to 2147483647 (decode speed needs at least one token after the first), got 1" },
        { Plan with { PromptTokens = [0] }, "PromptTokens", "PromptTokens: expected a whole number from 1 to 2147483647, got 0" },
        { Plan with { BatchSizes = [] }, "BatchSizes", "BatchSizes: expected at least one value, got none" },
        { Plan with { WarmupRepetitions = -1 }, "WarmupRepetitions", "WarmupRepetitions: expected a whole number from 0 to 10000, got -1" },
        { Plan with { MeasuredRepetitions = 10_001 }, "MeasuredRepetitions", "MeasuredRepetitions: expected a whole number from 1 to 10000, got 10001" },
        { Plan with { IntraOpThreads = 5 }, "IntraOpThreads", "IntraOpThreads: expected a whole number from 1 to 4, got 5" },
        { Plan with { IntraOpThreads = 0 }, "IntraOpThreads", "IntraOpThreads: expected a whole number from 1 to 4, got 0" },
        { Plan with { AutoRepetitions = new(0, 50, 60) }, "TargetHalfWidthPercent",
            "TargetHalfWidthPercent: expected a number above 0 and at most 100 (percent of the median), got 0" },
        { Plan with { AutoRepetitions = new(2, 50, double.PositiveInfinity) }, "MaxSecondsPerPoint",
            "MaxSecondsPerPoint: expected a number above 0 and at most 86400, got Infinity" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void A_value_out_of_range_is_rejected_naming_the_plan_field_and_the_range(RunPlanRecord plan, string field, string message)
    {
        var error = Assert.Throws<InputRangeException>(() => RunPlanPoints.Validate(plan, logicalCores: 4));

        Assert.Equal([field], error.Fields);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    public void An_automatic_repetition_cap_below_the_stopping_rules_minimum_count_is_refused_naming_both_fields(int maxRepetitions)
    {
        var plan = Plan with { AutoRepetitions = new(2, maxRepetitions, 60) };

        var error = Assert.Throws<InputRangeException>(() => RunPlanPoints.Validate(plan, logicalCores: 4));

        Assert.Equal(["MeasuredRepetitions", "MaxRepetitions"], error.Fields);
        Assert.Equal($"MeasuredRepetitions, MaxRepetitions: expected a whole number from 10 to 10000 (automatic repetitions call a point precise only after 10, " +
                     $"so a lower cap never reaches the target), got {maxRepetitions}", error.Message);
    }

    [Fact]
    public void A_plan_may_name_the_text_methods_but_not_random_tokens()
    {
        RunPlanPoints.Validate(Plan with { QualityMethod = QualityMethod.LlamaCpp }, logicalCores: 4);
        RunPlanPoints.Validate(Plan with { QualityMethod = QualityMethod.Text }, logicalCores: 4);

        var error = Assert.Throws<InputFieldException>(() => RunPlanPoints.Validate(Plan with { QualityMethod = QualityMethod.RandomTokens }, logicalCores: 4));

        Assert.Equal(["QualityMethod"], error.Fields);
        Assert.Equal("QualityMethod: expected text or llama.cpp, got random-tokens (how models without a tokenizer are measured, not a choice)", error.Message);
    }

    [Fact]
    public void An_automatic_repetition_cap_of_the_stopping_rules_minimum_count_is_accepted() =>
        RunPlanPoints.Validate(Plan with { AutoRepetitions = new(2, RepetitionStopRule.DefaultMinimumCount, 60) }, logicalCores: 4);

    [Theory]
    [InlineData(1, int.MaxValue, 2)]
    [InlineData(1, 2_147_483_000, 2000)]
    [InlineData(4096, 1_048_576, 2)]
    public void A_point_whose_tokens_overflow_32_bits_is_rejected_before_it_runs(int batch, int prompt, int gen)
    {
        var plan = Plan with { BatchSizes = [1, batch], PromptTokens = [16, prompt], GenTokens = [gen] };

        var error = Assert.Throws<InputRangeException>(() => RunPlanPoints.Validate(plan, logicalCores: 4));

        Assert.Equal(["BatchSizes", "PromptTokens", "GenTokens"], error.Fields);
        Assert.Contains($"got {batch} x ({prompt} + {gen}) = {(long)batch * ((long)prompt + gen)}", error.Message);
    }

    [Fact]
    public void The_largest_point_that_fits_32_bits_is_accepted()
    {
        RunPlanPoints.Validate(Plan with { PromptTokens = [int.MaxValue - 2], GenTokens = [2], IntraOpThreads = 4 }, logicalCores: 4);
    }
}
