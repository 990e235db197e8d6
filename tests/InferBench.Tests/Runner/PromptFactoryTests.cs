using InferBench.Runner;

namespace InferBench.Tests.Runner;

public class PromptFactoryTests
{
    [Fact]
    public void Random_prompts_are_reproducible_and_inside_the_vocabulary()
    {
        var point = new PlanPoint(BatchSize: 2, PromptTokens: 64, GenTokens: 8);

        var first = PromptFactory.RandomTokens(42, point, vocabSize: 100);
        var again = PromptFactory.RandomTokens(42, point, vocabSize: 100);
        var otherSeed = PromptFactory.RandomTokens(43, point, vocabSize: 100);

        Assert.Equal(128, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.All(first, id => Assert.InRange(id, 0, 99));
    }

    [Fact]
    public void A_text_prompt_is_repeated_in_every_row()
    {
        Assert.Equal([5, 6, 5, 6, 5, 6], PromptFactory.Repeat([5, 6], batchSize: 3));
    }

    [Theory]
    [InlineData("--gen-tokens", 1)]
    [InlineData("--prompt-tokens", 0)]
    [InlineData("--batch", 0)]
    public void Plans_that_cannot_produce_the_metrics_are_rejected_naming_the_option(string option, int value)
    {
        var plan = new InferBench.Results.RunPlanRecord([16], [8], [1], 1, 2, null, 1, "cpu", null);
        plan = option switch
        {
            "--gen-tokens" => plan with { GenTokens = [8, value] },
            "--prompt-tokens" => plan with { PromptTokens = [value] },
            _ => plan with { BatchSizes = [value] },
        };

        var error = Assert.Throws<InputException>(() => RunPlanPoints.Validate(plan));

        Assert.StartsWith($"{option}: expected values of ", error.Message);
        Assert.Contains($"got {value}", error.Message);
    }
}
