using System.Text.RegularExpressions;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed class MarkdownReportExporterTests
{
    private static readonly MarkdownReportExporter Exporter = new();

    [Fact]
    public void OkRowShowsItsMetrics()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()));

        Assert.Contains(
            "\n| cpu-int4-rtn-block-32 | int4 | cpu | 1 | 128 | 64 | ok | 5 | 123 [125] | 1000 | 45.5 ± 1.4 | $48.70 " +
            "| 21.7 / 24.7 | 2.87 | 2048 | 3.20 | 13.5 [9.87] | $0.751 [2171] | 300 | measured-nvml-counter | quality unavailable: sample |\n",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public void NvmlRowsShowTheGpuWarmupAndItsStateAtStartAndEndAndOtherRunsDoNot()
    {
        var nvml = new MarkdownReportExporter().Export(ReportSamples.Run(ReportSamples.OkRow()));
        var cpu = new MarkdownReportExporter().Export(ReportSamples.Run(ReportSamples.OkRow() with { Gpu = null }));

        Assert.Contains("### GPU state (NVML)", nvml);
        Assert.Contains("- **cpu-int4-rtn-block-32 batch 1 prompt 128 gen 64:** warmup NOT settled, stopped at the time cap after 60.4 s "
            + "(121 generations; power slope 0.820 %/s, temperature slope 0.310 °C/s; still warming); "
            + "start 74 °C, SM 1980 MHz, limit 700 W, throttle PowerCap → end 83 °C, SM 1755 MHz, limit 700 W, throttle PowerCap+SoftwareThermal.", nvml);
        Assert.DoesNotContain("GPU state", cpu);
    }

    [Fact]
    public void FailedRowShowsStatusAndEscapedReason()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.FailedRow()));

        Assert.Contains(
            "\n| cuda-fp16 | fp16 | cuda | 1 | 128 | 64 | failed: CUDA error: out of memory \\| allocating 2 GiB " +
            "| – | – | – | – | – | – | – | – | – | – | – | – | – | – |\n",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesFromTheInputsStayLiteralTextNotHtmlOrMarkdown()
    {
        var row = ReportSamples.OkRow() with { Model = "<img src=x onerror=alert(1)>", Variant = "cpu_*int4*|[x](y)`z`" };
        var failed = ReportSamples.FailedRow() with { Model = row.Model, Reason = "<script>alert(1)</script>\n# not a heading" };

        var report = Exporter.Export(ReportSamples.Run(row, failed));

        Assert.DoesNotContain("<img", report, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", report, StringComparison.Ordinal);
        Assert.Contains("\n## &lt;img src=x onerror=alert(1)&gt;\n", report, StringComparison.Ordinal);
        Assert.Contains("\n| cpu\\_\\*int4\\*\\|[x\\](y)\\`z\\` | int4 | cpu | 1 |", report, StringComparison.Ordinal);
        Assert.Contains("failed: &lt;script&gt;alert(1)&lt;/script&gt; \\# not a heading |", report, StringComparison.Ordinal);
        // Every table line still has one cell per column: the rows table's header and two rows, the quality table's header and row,
        // the per-token distributions' header and the variant's KL and Δp rows.
        var tables = Tables(report);
        Assert.Equal([3, 2, 3], tables.Select(table => table.Count));
        Assert.All(tables, table => Assert.All(table, line => Assert.Equal(Regex.Count(table[0], @"\|"), Regex.Count(line, @"(?<!\\)\|"))));
    }

    [Theory]
    [InlineData("inferbench run --model-path /m", "`inferbench run --model-path /m`")]
    [InlineData("inferbench run --model-path a`b", "`` inferbench run --model-path a`b ``")]
    [InlineData("inferbench run --model-path a``<b>x</b>``", "``` inferbench run --model-path a``<b>x</b>`` ```")]
    public void TheCommandLineIsOneCodeSpanWhateverBackticksItHolds(string commandLine, string expected)
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()) with { CommandLine = commandLine });

        Assert.Contains($"- **Command:** {expected}\n", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("measured-rapl", "Idle 0.0183 W before, 0.864 W after the sweep (measured-rapl).")]
    [InlineData("estimated-cpu-tdp", "No idle power: the estimate sees only this process's CPU time.")]
    public void IdlePowerIsLabelledWithItsSourceAndNotShownForTheEstimate(string source, string expected)
    {
        var run = ReportSamples.Run(ReportSamples.OkRow());
        var power = new PowerSetup(source, "method", [], null, 2, 0.0183, 0.864, []);

        var report = Exporter.Export(run with { Power = power });

        Assert.Contains(expected, report, StringComparison.Ordinal);
        Assert.Equal(source == "measured-rapl", report.Contains("0.864 W", StringComparison.Ordinal));
    }

    [Fact]
    public void SingleRepetitionShowsNoConfidenceInterval()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.SingleRepetitionRow()));

        Assert.Contains(
            "\n| cpu-fp32 | fp32 | cpu | 4 | 512 | 2 | ok | 1 | 80.0 [80.0] | 25600 | 400 | $5.54 | 2.50 / 2.50 | 0.0825 | – | 1.25 | – | – | – | – | – |\n",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public void VariantsOfAPlanPointAreAdjacentInOneTablePerModel()
    {
        var run = ReportSamples.Run(
            ReportSamples.OkRow(), ReportSamples.SingleRepetitionRow(), ReportSamples.FailedRow(),
            ReportSamples.OkRow() with { Model = "qwen2.5-0.5b" });

        var report = Exporter.Export(run);

        var rows = Tables(report).Where(table => table[0].StartsWith("| Variant | Precision | EP |", StringComparison.Ordinal))
            .SelectMany(table => table.Skip(1)).Select(line => line.Split(" | ")[0][2..]).ToList();
        Assert.Equal(["cpu-int4-rtn-block-32", "cuda-fp16", "cpu-fp32", "cpu-int4-rtn-block-32"], rows);
        Assert.True(report.IndexOf("## phi-3-mini", StringComparison.Ordinal) < report.IndexOf("## qwen2.5-0.5b", StringComparison.Ordinal));
    }

    [Fact]
    public void HeaderNamesTheRunHostSoftwareAndPlan()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()));

        Assert.StartsWith("# InferBench run 20251125-132800-a1b2c3 (2025-11-25 13:28 UTC)\n", report, StringComparison.Ordinal);
        Assert.Contains("AMD EPYC 9654 (16 logical cores), 128 GiB RAM, GPU: NVIDIA H100 80GB HBM3 (driver 550.54.15)", report, StringComparison.Ordinal);
        Assert.Contains("ONNX Runtime GenAI 0.18.0", report, StringComparison.Ordinal);
        Assert.Contains("prompt tokens 128, 512; gen tokens 2, 64; batch 1, 4; 1 warmup + 5 measured repetitions", report, StringComparison.Ordinal);
        Assert.Contains("n = measured repetitions", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Cancelled", report, StringComparison.Ordinal);
    }

    [Fact]
    public void AssumptionsNameEachValueWithItsSourceDateAndProvenance()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()));

        Assert.Contains(
            "## Cost and energy assumptions\n\n" +
            "- **hardware price:** $3.99/h (recalled, 2026-06: Lambda on-demand H100 SXM)\n" +
            "- **utilisation:** 50% (given, 2026-11: capacity plan)\n" +
            "- **electricity price:** $0.127/kWh (recalled, 2024: EIA commercial average)\n" +
            "- **PUE:** 1.58 (recalled, 2023: Uptime Institute survey)\n" +
            "- **grid carbon intensity:** 367 gCO2/kWh (verified, 2023: EIA)\n",
            report, StringComparison.Ordinal);
    }

    /// <summary>The ± beside the median decode tok/s is the stopping rule's interval of the median (its larger side), not the mean's (± 0.3 in the sample).</summary>
    [Theory]
    [InlineData(2.0, "| 45.5 ± 0.9 |")]
    [InlineData(null, "| 45.5 |")]
    public void TheDecodeCellShowsTheMedianWithTheIntervalOfTheMedian(double? medianHalfWidthPercent, string cell)
    {
        var row = ReportSamples.OkRow() with { RepetitionStop = new RepetitionStop(RepetitionStopReason.Planned, 5, medianHalfWidthPercent, 0.25, null) };

        var report = Exporter.Export(ReportSamples.Run(row));

        Assert.Contains(cell, report, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAPriceTheReportSaysSoAndShowsNoHardwareCost()
    {
        var run = ReportSamples.Run(ReportSamples.OkRow());
        var report = Exporter.Export(run with { Cost = run.Cost! with { PriceUsdPerHour = null } });

        Assert.Contains("- **hardware price:** none given (--price-per-hour or --instance): no $/1M gen tokens.\n", report, StringComparison.Ordinal);
        Assert.DoesNotContain("- **utilisation:**", report, StringComparison.Ordinal);
        Assert.Contains("| 45.5 ± 1.4 | – | 21.7 / 24.7 |", report, StringComparison.Ordinal);
        Assert.Contains("| $0.751 [2171] |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatThisMeansComparesEachVariantWithFp32AtBatchOneAndSaysWhatBatchingBuys()
    {
        var report = Exporter.Export(ReportSamples.QuantizedRun());

        // 54 / 20 tok/s; hardware $ = 3.99 / (tok/s x 3600 x 0.5) x 1e6; energy 0.9 / 2.0 J/token.
        Assert.Contains(
            "**What this means:** cpu-int4 (int4) decodes 2.70x faster than cpu-fp32 (fp32) at batch 1 on cpu here " +
            "(prompt 128, gen 64: 54.0 vs 20.0 tok/s, medians of 5 and 5 repetitions), " +
            "costs 63% less per 1M generated tokens ($41.05 vs $110.83), uses 55% less energy per token (0.900 vs 2.00 J/token), " +
            "raises perplexity by 4.10% (6.25 vs 6.00 on 2048 tokens of text) and picks the same next token as cpu-fp32 at 97% of 2048 positions (mean KL 0.0120 nats).\n",
            report, StringComparison.Ordinal);
        Assert.Contains(
            "**What this means:** cpu-fp32 at batch 4 decodes 3.00x the tokens/s of batch 1 (60.0 vs 20.0 tok/s), " +
            "costs 66.7% less per 1M generated tokens ($36.94 vs $110.83) and uses 50% less energy per token (1.00 vs 2.00 J/token).\n",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public void EstimatedEnergyIsMarkedAsAnEstimateWhereverItIsShown()
    {
        var report = Exporter.Export(ReportSamples.Run(
            ReportSamples.MeasuredRow("cpu-fp32", "fp32", 1, 20, 2.0, "estimated-cpu-tdp"),
            ReportSamples.MeasuredRow("cpu-int4", "int4", 1, 54, 0.9, "estimated-cpu-tdp")));

        Assert.Contains("| 2.00 [1.00] (est.) | $0.111 [322] (est.) | 100 (est.) | estimated-cpu-tdp |", report, StringComparison.Ordinal);
        Assert.Contains("(0.900 vs 2.00 J/token, estimated-cpu-tdp: an estimate).", report, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEnergyLineNamesTheGpusThatWereNotMeasured()
    {
        var run = ReportSamples.Run(ReportSamples.OkRow());
        run = run with { Power = run.Power! with { Notes = ["not measured, as this run does not use them: GPU 1 (NVIDIA H100 80GB HBM3)"] } };

        var report = Exporter.Export(run);

        Assert.Contains("NVML total energy counter. Notes: not measured, as this run does not use them: GPU 1 (NVIDIA H100 80GB HBM3). Idle ", report, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledRunSaysSoBeforeAnyTable()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()) with { Cancelled = true, State = RunState.Cancelled });

        var partial = report.IndexOf("> **Partial:** the run was stopped (Ctrl-C or SIGTERM)", StringComparison.Ordinal);
        Assert.InRange(partial, 0, report.IndexOf("- **Host:**", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RunState.InProgress, "run.json still says in-progress: the run was cut off before it finished")]
    [InlineData(RunState.Incomplete, "a save failed (such as a full disk) and the run stopped")]
    public void A_run_cut_off_or_whose_save_failed_has_a_partial_banner(RunState state, string reason)
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()) with { State = state, FinishedUtc = null });

        Assert.Contains($"> **Partial:** {reason}", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_run_has_no_partial_banner()
    {
        Assert.DoesNotContain("Partial", Exporter.Export(ReportSamples.Run(ReportSamples.OkRow())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void OutputDoesNotDependOnTheCurrentCulture(string culture)
    {
        foreach (var run in (RunResult[])[ReportSamples.CompleteRun(), ReportSamples.QuantizedRun()])
        {
            var invariant = Exporter.Export(run);

            var localized = CultureScope.Run(culture, () => Exporter.Export(run));

            Assert.Equal(invariant, localized);
            Assert.Contains("$3.99/h", localized, StringComparison.Ordinal);
        }
    }

    /// <summary>Each Markdown table's lines that start with "| " (its header first; the separator line starts with "|-").</summary>
    private static List<List<string>> Tables(string report)
    {
        List<List<string>> tables = [];
        var inTable = false;
        foreach (var line in report.Split('\n'))
        {
            var isTableLine = line.StartsWith('|');
            if (isTableLine && !inTable)
                tables.Add([]);
            if (line.StartsWith("| ", StringComparison.Ordinal))
                tables[^1].Add(line);
            inTable = isTableLine;
        }
        return tables;
    }
}
