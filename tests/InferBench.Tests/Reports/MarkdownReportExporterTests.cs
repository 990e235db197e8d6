using System.Globalization;
using InferBench.Reports;

namespace InferBench.Tests.Reports;

public sealed class MarkdownReportExporterTests
{
    private static readonly MarkdownReportExporter Exporter = new();

    [Fact]
    public void OkRowShowsItsMetrics()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()));

        Assert.Contains(
            "\n| cpu-int4-rtn-block-32 | int4 | cpu | 1 | 128 | 64 | ok | 5 | 123 [125] | 1000 | 45.5 ± 0.3 " +
            "| 21.7 / 24.7 | 2.87 | 2048 | 3.20 | 13.5 [9.87] | 300 | measured-nvml-counter |\n",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedRowShowsStatusAndEscapedReason()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.FailedRow()));

        Assert.Contains(
            "\n| cuda-fp16 | fp16 | cuda | 1 | 128 | 64 | failed: CUDA error: out of memory \\| allocating 2 GiB " +
            "| – | – | – | – | – | – | – | – | – | – | – |\n",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleRepetitionShowsNoConfidenceInterval()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.SingleRepetitionRow()));

        Assert.Contains(
            "\n| cpu-fp32 | fp32 | cpu | 4 | 512 | 2 | ok | 1 | 80.0 [80.0] | 25600 | 400 | 2.50 / 2.50 | 0.0825 | – | 1.25 | – | – | – |\n",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public void VariantsOfAPlanPointAreAdjacentInOneTablePerModel()
    {
        var run = ReportSamples.Run(
            ReportSamples.OkRow(), ReportSamples.SingleRepetitionRow(), ReportSamples.FailedRow(),
            ReportSamples.OkRow() with { Model = "qwen2.5-0.5b" });

        var report = Exporter.Export(run);

        var rows = report.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| Variant", StringComparison.Ordinal))
            .Select(line => line.Split(" | ")[0][2..]).ToList();
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
    public void CancelledRunSaysSoBeforeAnyTable()
    {
        var report = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()) with { Cancelled = true });

        var cancelled = report.IndexOf("**Cancelled:**", StringComparison.Ordinal);
        Assert.InRange(cancelled, 0, report.IndexOf("- **Host:**", StringComparison.Ordinal));
    }

    [Fact]
    public void OutputDoesNotDependOnTheCurrentCulture()
    {
        var run = ReportSamples.CompleteRun();
        var invariant = Exporter.Export(run);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal(invariant, Exporter.Export(run));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
