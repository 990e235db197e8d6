using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>An empty item in a list option (",,," or a trailing comma) is a typo, refused naming the option, never read as "none".</summary>
public sealed class EmptyListItemTests
{
    [Theory]
    [InlineData("--slo: expected comma-separated targets", "run", "--slo", ",,,")]
    [InlineData("--slo: expected comma-separated targets", "run", "--slo", "ttft=1s,")]
    [InlineData("--gpu: expected comma-separated items, got an empty one in \",,,\"", "forecast", "--model", "synthetic-llama-small", "--gpu", ",,,")]
    [InlineData("--gpu: expected comma-separated items, got an empty one in \"l4,,h100-sxm5\"", "forecast", "--model", "synthetic-llama-small", "--gpu", "l4,,h100-sxm5")]
    [InlineData("--layout: expected comma-separated items", "models", "build", "--preset", "tiny", "--out", "unused", "--layout", "tied-embeddings,")]
    [InlineData("--prompt-tokens: expected integers like 128,512", "run", "--prompt-tokens", "128,,512")]
    public void An_empty_list_item_is_refused_naming_the_option(string expected, params string[] arguments)
    {
        var run = CliRun.Invoke(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
