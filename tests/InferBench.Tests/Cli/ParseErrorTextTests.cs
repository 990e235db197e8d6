using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>System.CommandLine's own parse errors name the option and say what was expected, without .NET type names.</summary>
public sealed class ParseErrorTextTests
{
    [Theory]
    [InlineData("--shard-index: expected a whole number from -2147483648 to 2147483647, got \"99999999999\"",
        "campaign", "run", "campaign.json", "--shard-index", "99999999999", "--shard-count", "2")]
    [InlineData("--precision: expected one of int4, int8, fp16, got \"int3\"", "models", "quantize", "--in", "in", "--out", "out", "--precision", "int3")]
    [InlineData("--target: expected one of cpu, cuda, got \"tpu\"", "models", "quantize", "--in", "in", "--out", "out", "--precision", "int4", "--target", "tpu")]
    [InlineData("Option '--shard-index' is required.", "campaign", "run", "campaign.json", "--shard-count", "2")]
    public void A_parse_error_names_the_option_and_what_was_expected(string expected, params string[] arguments)
    {
        var run = CliRun.Invoke(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"inferbench: {expected}\n", run.Error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("System.", run.Error);
    }

    [Fact]
    public void Campaign_status_given_a_file_for_its_results_folder_is_bad_input()
    {
        using var folder = new TempFolder();
        var file = folder.Combine("results.txt");
        File.WriteAllText(file, "");

        var run = CliRun.Invoke("campaign", "status", RepoRoot.Combine("deploy", "k8s", "campaign.example.json"), "--results", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--results: {file} is a file; expected the results folder the shards wrote to", run.Error);
    }
}
