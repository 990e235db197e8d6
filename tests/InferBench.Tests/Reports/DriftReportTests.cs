using System.Text.Json.Nodes;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>A run of two rounds: rows carry their round in every file, and the reports show and flag the drift between rounds.</summary>
public sealed class DriftReportTests
{
    private static RunResult TwoRounds(RoundDrift drift)
    {
        var run = ReportSamples.Run(ReportSamples.OkRow(), ReportSamples.OkRow() with { Round = 2 });
        return run with { Plan = run.Plan with { Rounds = 2 }, Drift = drift };
    }

    private const string DecodeRow =
        "| phi-3-mini | cpu-int4-rtn-block-32 | int4 | cpu | 1 | 128 | 64 | decode tok/s | 2 | 45.5 | 40.0 | -12.0% [-15.0%, -9.0%] | 5 vs 5 | larger than noise (flags the run) |";

    [Fact]
    public void Report_md_flags_a_run_that_drifted_and_tables_each_point_difference_between_rounds()
    {
        var md = new MarkdownReportExporter().Export(TwoRounds(ReportSamples.Drifted()));

        Assert.Contains("> **Drift:** The sweep ran 2 rounds, even rounds in reverse variant order; the run drifted: 1 of 2 differences " +
            "between rounds lie outside even their 97.5% interval, so a figure depends on when it was measured.", md, StringComparison.Ordinal);
        Assert.Contains("## Drift between rounds\n", md, StringComparison.Ordinal);
        Assert.Contains("| Model | Variant | Precision | EP | Batch | Prompt | Gen | Metric | Round | Round 1 geomean | Round geomean | Change [95% CI] | n | Verdict |",
            md, StringComparison.Ordinal);
        Assert.Contains(DecodeRow, md, StringComparison.Ordinal);
        Assert.Contains("| TTFT ms | 2 | 124 | 125 | +1.3% [-2.0%, +4.6%] | 5 vs 5 | within noise |", md, StringComparison.Ordinal);
        Assert.Contains("| cpu-int4-rtn-block-32 | int4 | cpu | 1 | 128 | 64 | 2 | ok |", md, StringComparison.Ordinal);
        Assert.Contains("1 warmup + 5 measured repetitions; 2 rounds, even rounds in reverse variant order; EP cuda;", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_md_shows_drift_within_noise_without_the_flag_and_a_one_round_run_without_the_section()
    {
        var calm = ReportSamples.Drifted() with
        {
            LargerThanNoise = false,
            Differences = [ReportSamples.Drifted().Differences[1]],
        };

        var md = new MarkdownReportExporter().Export(TwoRounds(calm));
        var oneRound = new MarkdownReportExporter().Export(ReportSamples.Run(ReportSamples.OkRow()));

        Assert.DoesNotContain("**Drift:**", md, StringComparison.Ordinal);
        Assert.Contains("no difference between rounds is larger than the noise (1 compared)", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Drift between rounds", oneRound, StringComparison.Ordinal);
        Assert.DoesNotContain("| Round |", oneRound, StringComparison.Ordinal);
        Assert.DoesNotContain(" rounds, even rounds", oneRound, StringComparison.Ordinal);
    }

    [Fact]
    public void Takeaways_and_charts_summarise_round_one_when_later_rounds_ran_in_reverse_order()
    {
        var oneRound = ReportSamples.QuantizedRun();
        var secondRound = oneRound.Results.Reverse().Select(row => row with
        {
            Round = 2,
            Metrics = row.Metrics! with { DecodeTokensPerSecond = row.Metrics.DecodeTokensPerSecond with { Median = 1 } },
        });
        var twoRounds = oneRound with { Plan = oneRound.Plan with { Rounds = 2 }, Results = [.. oneRound.Results, .. secondRound] };

        static string[] Takeaways(string md) => [.. md.Split('\n').Where(line => line.StartsWith("**What this means:**", StringComparison.Ordinal))];
        static string[] Figures(string html) => [.. html.Split('\n').Where(line => line.StartsWith("<figure>", StringComparison.Ordinal))];

        Assert.Equal(Takeaways(new MarkdownReportExporter().Export(oneRound)), Takeaways(new MarkdownReportExporter().Export(twoRounds)));
        Assert.Equal(Figures(new HtmlReportExporter().Export(oneRound)), Figures(new HtmlReportExporter().Export(twoRounds)));
        Assert.NotEmpty(Figures(new HtmlReportExporter().Export(oneRound)));
    }

    [Fact]
    public void A_difference_larger_than_the_noise_that_does_not_flag_the_run_says_why()
    {
        var drift = ReportSamples.Drifted();
        var unflagged = drift with { LargerThanNoise = false, Differences = [drift.Differences[0] with { FlagsRun = false }, drift.Differences[1]] };

        var md = new MarkdownReportExporter().Export(TwoRounds(unflagged));

        Assert.DoesNotContain("**Drift:**", md, StringComparison.Ordinal);
        Assert.Contains("the run is not flagged: 1 of 2 differences are larger than the noise at 95% each, but none outside its 97.5% interval", md, StringComparison.Ordinal);
        Assert.Contains("| 5 vs 5 | larger than noise |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_html_flags_the_drift_and_tables_it()
    {
        var html = new HtmlReportExporter().Export(TwoRounds(ReportSamples.Drifted()));

        Assert.Contains("<p class=\"partial\"><strong>Drift:</strong> The sweep ran 2 rounds", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Drift between rounds</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>decode tok/s</td><td class=\"n\">2</td><td class=\"n\">45.5</td><td class=\"n\">40.0</td>" +
            "<td class=\"n\">-12.0% [-15.0%, -9.0%]</td><td class=\"n\">5 vs 5</td><td>larger than noise (flags the run)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_matches_a_run_of_several_rounds_on_its_round_one_rows()
    {
        static ScenarioResult Measured(int round, double decodeSeconds) => ReportSamples.OkRow() with
        {
            Round = round,
            Repetitions = [.. Enumerable.Range(1, 3).Select(i => new RepetitionSample(RepetitionPhase.Measured, i, 11, 0.1, 0.1, decodeSeconds, 0.1 + decodeSeconds, [decodeSeconds * 100]))],
        };
        var twoRounds = TwoRounds(ReportSamples.Drifted()) with { Results = [Measured(1, 0.1), Measured(2, 0.2)] };
        var oneRound = ReportSamples.Run(Measured(1, 0.1));

        var comparison = InferBench.Reports.Compare.RunComparison.Of([(twoRounds, "a"), (oneRound, "b")]);

        var decode = Assert.Single(comparison.Rows, row => row.MetricKey == "decodeTokensPerSecond");
        Assert.Equal(100, decode.BaselineMedian, 6);
        Assert.Equal(0, decode.Change, 9);
    }

    [Fact]
    public void Results_csv_has_one_row_per_round_with_the_round_after_the_fidelity_columns()
    {
        var lines = new CsvResultsExporter().Export(TwoRounds(ReportSamples.Drifted())).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var round = Array.IndexOf(lines[0].Split(','), "round");
        Assert.Contains(",greedy_logprob_delta_nats,round,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["1", "2"], lines.Skip(1).Select(line => line.Split(',')[round]));
    }

    [Fact]
    public void Run_json_records_rounds_each_row_round_and_the_drift_and_reads_them_back()
    {
        var run = TwoRounds(ReportSamples.Drifted());

        var json = RunJson.Serialize(run);
        var read = RunJson.Deserialize(json, "run.json");

        Assert.Empty(RunSchema.Errors(json));
        Assert.Contains("\"rounds\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"round\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"largerThanNoise\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"verdict\": \"larger-than-noise\"", json, StringComparison.Ordinal);
        Assert.Equal([1, 2], read.Results.Select(r => r.Round));
        Assert.Equal(2, read.Plan.Rounds);
        Assert.Equal(ReportSamples.Drifted().Differences, read.Drift!.Differences);
    }

    [Fact]
    public void A_run_json_written_before_rounds_existed_reads_as_one_round()
    {
        var written = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        written["plan"]!.AsObject().Remove("rounds");
        written["results"]![0]!.AsObject().Remove("round");
        var json = written.ToJsonString();
        Assert.DoesNotContain("\"round", json, StringComparison.Ordinal);

        var read = RunJson.Deserialize(json, "run.json");

        Assert.Equal(1, read.Plan.Rounds);
        Assert.Equal(1, Assert.Single(read.Results).Round);
        Assert.Null(read.Drift);
    }
}
