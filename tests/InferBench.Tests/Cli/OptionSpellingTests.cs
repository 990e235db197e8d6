using System.CommandLine;
using System.Text.Json;
using InferBench.Cli;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>Renamed options answer to their new names, and to their old ones for a release with one warning line; percentages take a trailing %.</summary>
public sealed class OptionSpellingTests
{
    private static readonly string[] CostOfAnInstance = ["cost", "--tokens-per-second", "1000", "--json"];
    private static readonly string[] TrainingOnACatalogGpu = ["cost", "training", "--params", "175e9", "--tokens", "300e9", "--gpu", "v100-sxm2", "--price-per-gpu-hour", "1.5", "--json"];

    [Theory]
    [InlineData("--gpu", "--instance")]
    [InlineData("--utilization", "--mfu")]
    public void An_old_spelling_works_as_the_new_one_and_says_once_that_it_is_deprecated(string oldName, string newName)
    {
        var (command, value) = newName == "--instance" ? (CostOfAnInstance, "aws-p4d.24xlarge") : (TrainingOnACatalogGpu, "0.224");

        var renamed = CliRun.Invoke([.. command, newName, value]);
        var old = CliRun.Invoke([.. command, oldName, value]);

        Assert.Equal((ExitCodes.AllOk, ExitCodes.AllOk), (renamed.ExitCode, old.ExitCode));
        Assert.Equal(renamed.Out, old.Out);
        Assert.Equal("", renamed.Error);
        Assert.Equal($"inferbench: warning: {oldName} is deprecated and will be removed in the next release; use {newName}{Environment.NewLine}", old.Error);
    }

    [Fact]
    public void An_old_spelling_in_a_refused_command_line_still_says_it_is_deprecated_and_errors_name_the_new_option()
    {
        var run = CliRun.Invoke("run", "--power", "none", "--gpu", "h100");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var lines = run.Error.Split(Environment.NewLine);
        Assert.Equal("inferbench: warning: --gpu is deprecated and will be removed in the next release; use --instance", lines[0]);
        Assert.StartsWith("inferbench: --instance: no \"h100\" in the pricing catalog", lines[1]);
    }

    [Fact]
    public void Utilization_on_cost_is_the_share_of_paid_hours_under_its_own_name()
    {
        var paidHours = CliRun.Invoke([.. CostOfAnInstance, "--instance", "aws-p4d.24xlarge", "--utilization", "0.5"]);

        Assert.Equal((ExitCodes.AllOk, ""), (paidHours.ExitCode, paidHours.Error));
        using var json = JsonDocument.Parse(paidHours.Out);
        Assert.Equal(0.5, json.RootElement.GetProperty("assumptions").GetProperty("utilization").GetProperty("value").GetDouble());
    }

    [Theory]
    [InlineData("--utilization", "50%", "0.5")]
    [InlineData("--utilization", "100%", "1")]
    public void A_share_of_paid_hours_reads_the_same_as_a_percentage(string option, string percent, string fraction)
    {
        var withPercent = CliRun.Invoke([.. CostOfAnInstance, "--instance", "aws-p4d.24xlarge", option, percent]);
        var withFraction = CliRun.Invoke([.. CostOfAnInstance, "--instance", "aws-p4d.24xlarge", option, fraction]);

        Assert.Equal((ExitCodes.AllOk, ExitCodes.AllOk), (withPercent.ExitCode, withFraction.ExitCode));
        Assert.Equal(withFraction.Out, withPercent.Out);
    }

    [Fact]
    public void Model_flops_utilisation_reads_the_same_as_a_percentage()
    {
        var withPercent = CliRun.Invoke([.. TrainingOnACatalogGpu, "--mfu", "22.4%"]);
        var withFraction = CliRun.Invoke([.. TrainingOnACatalogGpu, "--mfu", "0.224"]);

        Assert.Equal((ExitCodes.AllOk, ExitCodes.AllOk), (withPercent.ExitCode, withFraction.ExitCode));
        Assert.Equal(withFraction.Out, withPercent.Out);
    }

    [Theory]
    [InlineData("5", 5.0)]
    [InlineData("5%", 5.0)]
    [InlineData("0.5%", 0.5)]
    [InlineData("1e1%", 10.0)]
    public void A_value_in_percent_is_the_same_with_or_without_the_sign(string token, double expected)
    {
        var option = NumberOption.Percent("--target-ci", "", new InputRange("TargetCi", 0, 100, MinimumExcluded: true), 2);

        var parsed = new RootCommand { option }.Parse(["--target-ci", token]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(expected, parsed.GetValue(option));
    }

    [Theory]
    [InlineData("0.4", 0.4)]
    [InlineData("40%", 0.4)]
    [InlineData("100%", 1.0)]
    [InlineData("22.4%", 0.224)]
    [InlineData("2.5e1%", 0.25)]
    public void A_share_of_one_takes_a_percentage_as_hundredths_exactly_as_the_share_typed(string token, double expected)
    {
        var option = NumberOption.Fraction("--mfu", "", new InputRange("Utilization", 0.001, 1));

        var parsed = new RootCommand { option }.Parse(["--mfu", token]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(expected, parsed.GetValue(option)!.Value);
    }

    [Theory]
    [InlineData("run --reps auto --target-ci 5%%", "inferbench: --target-ci: expected a number above 0 and at most 100 (percent of the median), with or without %, got \"5%%\"")]
    [InlineData("run --reps auto --target-ci %", "inferbench: --target-ci: expected a number above 0 and at most 100 (percent of the median), with or without %, got \"%\"")]
    [InlineData("run --reps auto --target-ci 500%", "inferbench: --target-ci: expected a number above 0 and at most 100 (percent of the median), with or without %, got \"500%\"")]
    [InlineData("run --reps auto --target-ci -5%", "inferbench: --target-ci: expected a number above 0 and at most 100 (percent of the median), with or without %, got \"-5%\"")]
    [InlineData("run --batch-min-gain five%", "inferbench: --batch-min-gain: expected a number from 0 to 1000 (percent of decode tok/s gained over two doublings), with or without %, got \"five%\"")]
    [InlineData("run --steady-power-slope %5", "inferbench: --steady-power-slope: expected a number above 0 and at most 100, with or without %, got \"%5\"")]
    [InlineData("cost --price-per-hour 1 --utilization 150%", "inferbench: --utilization: expected a number from 0.001 to 1, or a percentage like 40%, got \"150%\"")]
    [InlineData("cost training --params 1e9 --tokens 1e9 --gpu v100-sxm2 --price-per-gpu-hour 1 --mfu 0%", "inferbench: --mfu: expected a number from 0.001 to 1, or a percentage like 40%, got \"0%\"")]
    [InlineData("cost --price-per-hour 1 --pue 120%", "inferbench: --pue: expected a number from 1 to 10, got \"120%\"")]
    public void A_malformed_percentage_is_exit_2_naming_the_option(string commandLine, string expected)
    {
        var run = CliRun.Invoke(commandLine.Split(' '));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith(expected, run.Error);
        run.AssertNoStackTrace();
    }
}
