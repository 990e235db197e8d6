using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>Numbers are checked where they enter: NaN, infinities and values past what the figures can hold are bad input naming the option and its range.</summary>
public sealed class NumericInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--price-per-hour NaN", "--price-per-hour: expected a number from 0 to 1000000, got \"NaN\"")]
    [InlineData("--price-per-hour -1", "--price-per-hour: expected a number from 0 to 1000000, got \"-1\"")]
    [InlineData("--idle-seconds NaN", "--idle-seconds: expected a number from 0 to 3600, got \"NaN\"")]
    [InlineData("--idle-seconds 1e309", "--idle-seconds: expected a number from 0 to 3600, got \"1e309\"")]
    [InlineData("--utilization -Infinity", "--utilization: expected a number from 0.001 to 1, or a percentage like 40%, got \"-Infinity\"")]
    [InlineData("--cpu-tdp-watts NaN", "--cpu-tdp-watts: expected a number above 0 and at most 5000, got \"NaN\"")]
    [InlineData("--reps 10001", "--reps: expected a whole number from 1 to 10000, got 10001")]
    [InlineData("--rounds 0", "--rounds: expected a whole number from 1 to 100, got 0")]
    [InlineData("--quality-tokens 0", "--quality-tokens: expected a whole number from 1 to 10000000, got 0")]
    [InlineData("--quality-tokens 10000001", "--quality-tokens: expected a whole number from 1 to 10000000, got 10000001")]
    [InlineData("--rounds 101", "--rounds: expected a whole number from 1 to 100, got 101")]
    [InlineData("--reps many", "--reps: expected a whole number from 1 to 10000, or auto, got \"many\"")]
    [InlineData("--reps auto --target-ci NaN", "--target-ci: expected a number above 0 and at most 100 (percent of the median), with or without %, got \"NaN\"")]
    [InlineData("--reps auto --max-reps 2", "--reps, --max-reps: expected a whole number from 10 to 10000 (automatic repetitions call a point precise only after 10, so a lower cap never reaches the target), got 2")]
    [InlineData("--reps auto --max-reps 9", "--reps, --max-reps: expected a whole number from 10 to 10000 (automatic repetitions call a point precise only after 10, so a lower cap never reaches the target), got 9")]
    [InlineData("--reps auto --max-seconds-per-point 0", "--max-seconds-per-point: expected a number above 0 and at most 86400, got \"0\"")]
    [InlineData("--reps 5 --target-ci 1", "--target-ci applies only to --reps auto; this run has a fixed --reps 5")]
    [InlineData("--max-reps 20", "--max-reps applies only to --reps auto; this run has a fixed --reps 3")]
    [InlineData("--fidelity false --quality-method llama.cpp", "--quality-method applies only when quality is measured; this run has --fidelity false")]
    [InlineData("--fidelity false --quality-tokens 512", "--quality-tokens applies only when quality is measured; this run has --fidelity false")]
    [InlineData("--fidelity false --quality-text eval.txt", "--quality-text applies only when quality is measured; this run has --fidelity false")]
    [InlineData("--steady-max-seconds -1", "--steady-max-seconds: expected a number from 0 to 3600, got \"-1\"")]
    [InlineData("--steady-window-seconds 0", "--steady-window-seconds: expected a number above 0 and at most 3600, got \"0\"")]
    [InlineData("--steady-power-slope NaN", "--steady-power-slope: expected a number above 0 and at most 100, with or without %, got \"NaN\"")]
    [InlineData("--steady-temp-slope 11", "--steady-temp-slope: expected a number above 0 and at most 10, got \"11\"")]
    [InlineData("--batch 1 --prompt-tokens 2147483000 --gen-tokens 2000",
        "--batch, --prompt-tokens, --gen-tokens: expected batch x (prompt + gen) of at most 2147483647 tokens (32-bit sizes), got 1 x (2147483000 + 2000) = 2147485000")]
    public void Run_refuses_a_number_out_of_range_naming_the_option_and_the_range(string options, string expected)
    {
        var run = CliRun.Invoke(["run", "--model-path", _temp.Path, "--out", _temp.Combine("results"), .. options.Split(' ')]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: {expected}", run.Error.Split(Environment.NewLine)[0]);
        Assert.False(Directory.Exists(_temp.Combine("results")), "no run folder for a command line that was refused");
    }

    [Fact]
    public void Run_refuses_more_threads_than_logical_cores()
    {
        var run = CliRun.Invoke("run", "--model-path", _temp.Path, "--out", _temp.Combine("results"), "--threads", "999");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: --threads: expected a whole number from 1 to {Environment.ProcessorCount}, got 999", run.Error.Trim());
    }

    [Theory]
    [InlineData("cost --json --price-per-hour 1e300 --tokens-per-second 100", "--price-per-hour: expected a number from 0 to 1000000, got \"1e300\"")]
    [InlineData("cost --json --price-per-hour 2 --tokens-per-second 1e-300", "--tokens-per-second: expected a number from 0.001 to 1000000000, got \"1e-300\"")]
    [InlineData("cost --json --price-per-hour 2 --tokens-per-second 100 --utilization 1e-300", "--utilization: expected a number from 0.001 to 1, or a percentage like 40%, got \"1e-300\"")]
    [InlineData("cost training --params 1e9 --tokens 1e9 --gpu-tflops 100 --price-per-gpu-hour 2 --gpus 1e12", "--gpus: expected a whole number from 1 to 1000000, got \"1e12\"")]
    [InlineData("cost training --params 1e300 --tokens 1e300 --gpu-tflops 100 --price-per-gpu-hour 2", "--params: expected a number from 1 to 1000000000000000, got \"1e300\"")]
    [InlineData("power probe --seconds Infinity", "--seconds: expected a number above 0 and at most 3600, got \"Infinity\"")]
    public void Cost_and_power_refuse_a_number_out_of_range_naming_the_option_and_the_range(string commandLine, string expected)
    {
        var run = CliRun.Invoke(commandLine.Split(' '));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: {expected}", run.Error);
        run.AssertNoStackTrace();
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-x")]
    [InlineData("-abc")]
    public void An_unknown_option_after_a_list_option_is_named_as_unknown(string unknown)
    {
        var run = CliRun.Invoke("run", "--model-path", _temp.Path, "--batch", "1", unknown, "3");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: {unknown}: unknown option of 'run'", run.Error);
        Assert.DoesNotContain("--batch", run.Error);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-1e3")]
    public void A_negative_number_after_a_list_option_is_a_value_not_an_unknown_option(string negative)
    {
        var run = CliRun.Invoke("run", "--model-path", _temp.Path, "--batch", "1", negative);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("inferbench: --batch: ", run.Error);
        Assert.DoesNotContain("unknown option", run.Error);
    }

    [Theory]
    [InlineData("--model")]
    [InlineData("--variant")]
    [InlineData("--manifest")]
    public void Model_path_and_a_manifest_selection_cannot_be_used_together(string option)
    {
        var run = CliRun.Invoke("run", "--model-path", _temp.Path, option, "m", "--out", _temp.Combine("results"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: --model-path and {option} cannot be used together", run.Error);
    }
}
