using InferBench.Engines;
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
}
