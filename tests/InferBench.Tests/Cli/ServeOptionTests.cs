using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>
/// <c>serve</c> refuses hostile load options before anything runs (exit 2, the option named, no run folder): rates of 0,
/// NaN, infinity or past any machine, concurrency 0 or huge, empty lists, reversed ranges, a garbage lengths file.
/// </summary>
public sealed class ServeOptionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Results => _temp.Combine("results");

    private CliRun Serve(params string[] options) =>
        CliRun.Invoke(["serve", "--model-path", _temp.Path, "--out", Results, "--power", "none", .. options]);

    private void AssertRefused(CliRun run, string expected)
    {
        Assert.True(run.ExitCode == ExitCodes.BadInput, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(Directory.Exists(Results), "a refused serve must not create the run folder");
    }

    [Theory]
    [InlineData("--request-rate 0", "--request-rate: expected numbers like 0.5,2, each a number above 0 and at most 1000000, or auto alone, got \"0\"")]
    [InlineData("--request-rate NaN", "--request-rate: expected numbers like 0.5,2")]
    [InlineData("--request-rate Infinity", "got \"Infinity\"")]
    [InlineData("--request-rate 1e309", "got \"1e309\"")]
    [InlineData("--request-rate 1e7", "got \"1e7\"")]
    [InlineData("--request-rate -1", "got \"-1\"")]
    [InlineData("--request-rate ,,,", "--request-rate: expected numbers like 0.5,2")]
    [InlineData("--request-rate 2,auto", "got \"auto\"")]
    [InlineData("--concurrency 0", "--concurrency: expected a whole number from 1 to 65536, got 0")]
    [InlineData("--concurrency 100000", "--concurrency: expected a whole number from 1 to 65536, got 100000")]
    [InlineData("--concurrency 99999999999", "--concurrency: expected integers like 128,512")]
    [InlineData("--concurrency ,,,", "--concurrency: expected integers like 128,512")]
    [InlineData("--concurrency 1,,2", "--concurrency: expected integers like 128,512")]
    [InlineData("--burstiness 0", "--burstiness: expected a number from 0.01 to 1000")]
    [InlineData("--burstiness 1e-300", "--burstiness: expected a number from 0.01 to 1000")]
    [InlineData("--burstiness NaN", "--burstiness: expected a number from 0.01 to 1000")]
    [InlineData("--requests 0", "--requests: expected a whole number from 1 to 10000000, got 0")]
    [InlineData("--requests 1e3", "--requests: expected a whole number from 1 to 10000000, got \"1e3\"")]
    [InlineData("--duration 0", "--duration: expected a number above 0 and at most 86400, got \"0\"")]
    [InlineData("--duration -Infinity", "--duration: expected a number above 0 and at most 86400, got \"-Infinity\"")]
    [InlineData("--warmup-requests -1", "--warmup-requests: expected a whole number from 0 to 1000000, got -1")]
    [InlineData("--request-rate 0.5 --duration 1", "--duration, --request-rate: at 0.500 requests/s the first measured request (after 4 warmup) arrives ")]
    [InlineData("--request-rate 0.00001 --requests 2", "s into the point (seed 42), later than the longest time bound a point may have (86400 s): expected a rate whose first")]
    [InlineData("--prompt-tokens 5-2", "--prompt-tokens: expected a length or a range min-max with min at most max, each a whole number from 1 to 1048576, got \"5-2\"")]
    [InlineData("--prompt-tokens 0", "--prompt-tokens: expected a length or a range min-max")]
    [InlineData("--prompt-tokens -5", "got \"-5\"")]
    [InlineData("--prompt-tokens 5-", "got \"5-\"")]
    [InlineData("--prompt-tokens 1e3", "got \"1e3\"")]
    [InlineData("--prompt-tokens 2000000", "got \"2000000\"")]
    [InlineData("--gen-tokens 64-16", "--gen-tokens: expected a length or a range min-max with min at most max")]
    [InlineData("--gen-tokens 1-2-3", "got \"1-2-3\"")]
    [InlineData("--prompt-tokens 16 --shared-prefix-tokens 32", "--shared-prefix-tokens, --prompt-tokens: the shared prefix (32 tokens) is longer than the shortest prompt (16 tokens)")]
    [InlineData("--max-batch 0", "--max-batch: expected a whole number from 1 to 256")]
    [InlineData("--max-batch 1000", "--max-batch: expected a whole number from 1 to 256")]
    [InlineData("--max-scheduled-tokens 0", "--max-scheduled-tokens: expected a whole number from 1 to 2147483647, got 0")]
    [InlineData("--slo ttft=NaNms", "--slo")]
    [InlineData("--slo ttft=0ms", "--slo")]
    [InlineData("--engine genai-generator", "--engine")]
    [InlineData("--price-per-hour 1 --instance aws-p4d.24xlarge", "--price-per-hour and --instance cannot be used together")]
    public void Serve_refuses_a_hostile_option_naming_it(string options, string expected) =>
        AssertRefused(Serve(options.Split(' ')), expected);

    [Fact]
    public void A_lengths_file_that_is_not_one_is_refused_naming_the_file_and_line()
    {
        var file = _temp.Combine("lengths.csv");
        File.WriteAllText(file, "prompt_tokens,output_tokens\n128,64\nabc,\u0000\n");

        AssertRefused(Serve("--lengths-file", file), "lengths.csv line 3, field prompt_tokens");
    }

    [Fact]
    public void A_lengths_file_of_random_bytes_is_refused()
    {
        var file = _temp.Combine("garbage.csv");
        File.WriteAllBytes(file, [.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 256))]);

        AssertRefused(Serve("--lengths-file", file), "garbage.csv");
    }

    [Fact]
    public void A_missing_lengths_file_is_refused() => AssertRefused(Serve("--lengths-file", _temp.Combine("absent.csv")), "absent.csv");

    [Fact]
    public void A_lengths_file_and_lengths_given_as_options_are_refused_together()
    {
        var file = _temp.Combine("lengths.csv");
        File.WriteAllText(file, "prompt_tokens,output_tokens\n128,64\n");

        AssertRefused(Serve("--lengths-file", file, "--gen-tokens", "16"), "--lengths-file and --gen-tokens cannot be used together");
    }
}
