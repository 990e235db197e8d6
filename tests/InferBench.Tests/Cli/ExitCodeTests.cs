using System.Text.RegularExpressions;
using InferBench.Cli;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>Scripts, CI jobs and schedulers read the exit code: one precedence, documented in README.md.</summary>
public sealed partial class ExitCodeTests
{
    private static ScenarioResult Row(ResultStatus status) => ReportSamples.OkRow() with { Status = status };

    public static TheoryData<bool, bool, ResultStatus[], int> Runs() => new()
    {
        { false, false, [ResultStatus.Ok, ResultStatus.Unsupported, ResultStatus.Skipped], ExitCodes.AllOk },
        { false, false, [ResultStatus.Ok, ResultStatus.Failed], ExitCodes.SomeRowsFailed },
        { false, false, [ResultStatus.Unsupported, ResultStatus.Failed], ExitCodes.SomeRowsFailed },
        { false, true, [ResultStatus.Ok], ExitCodes.SomeRowsFailed },
        { false, true, [], ExitCodes.SomeRowsFailed },
        { false, false, [ResultStatus.Unsupported, ResultStatus.Skipped], ExitCodes.NothingMeasured },
        { false, false, [], ExitCodes.NothingMeasured },
        { true, false, [ResultStatus.Ok], ExitCodes.Cancelled },
        { true, true, [ResultStatus.Failed], ExitCodes.Cancelled },
        { true, false, [], ExitCodes.Cancelled },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Cancelled_beats_failed_or_a_failed_save_which_beats_nothing_measured(bool cancelled, bool saveFailed, ResultStatus[] rows, int expected)
    {
        Assert.Equal(expected, ExitCodes.ForRun(cancelled, saveFailed, [.. rows.Select(Row)]));
    }

    [Fact]
    public void Nothing_measured_has_its_own_code_apart_from_the_others()
    {
        int[] others = [ExitCodes.AllOk, ExitCodes.SomeRowsFailed, ExitCodes.BadInput, ExitCodes.InternalError, ExitCodes.Cancelled];

        Assert.DoesNotContain(ExitCodes.NothingMeasured, others);
    }

    [Fact]
    public void The_readme_exit_code_table_lists_every_code_in_the_precedence_order()
    {
        var readme = File.ReadAllText(RepoRoot.Combine("README.md"));
        var table = ExitCodeTable().Match(readme);
        Assert.True(table.Success, "README.md has no exit-code table (| code | meaning |)");

        var codes = CodeCell().Matches(table.Value).Select(m => int.Parse(m.Groups[1].Value)).ToArray();

        Assert.Equal([ExitCodes.BadInput, ExitCodes.Cancelled, ExitCodes.SomeRowsFailed, ExitCodes.NothingMeasured, ExitCodes.AllOk, ExitCodes.InternalError], codes);
        Assert.Contains("first that applies", readme, StringComparison.Ordinal);
        Assert.Contains("`4`", table.Value, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\| exit code \| meaning \|\n(\|.*\|\n)+")]
    private static partial Regex ExitCodeTable();

    [GeneratedRegex(@"^\| `(\d+)` \|", RegexOptions.Multiline)]
    private static partial Regex CodeCell();
}
