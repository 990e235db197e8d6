using InferBench.Reports;
using InferBench.Reports.Compare;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>
/// results.csv, report.md, report.html and compare's text and JSON for fixed runs, byte for byte against the files in
/// Golden/: a refactor of the exporters must not change a character. After an intended change, run the tests with
/// INFERBENCH_WRITE_GOLDEN=1 to rewrite the files, and review their diff.
/// </summary>
public sealed class GoldenOutputTests
{
    public static TheoryData<string> Files { get; } =
    [
        "complete.results.csv", "complete.report.md", "complete.report.html",
        "quantized.results.csv", "quantized.report.md", "quantized.report.html",
        "estimated-unpriced.results.csv", "estimated-unpriced.report.md", "estimated-unpriced.report.html",
        "quoting.results.csv", "quoting.report.md", "quoting.report.html",
        "serving.results.csv", "serving.report.md", "serving.report.html",
        "llama-cpp-quality.results.csv", "llama-cpp-quality.report.md", "llama-cpp-quality.report.html",
        "comparison.txt", "comparison.json", "serving-comparison.txt", "serving-comparison.json",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void OutputIsTheGoldenFile(string name)
    {
        var actual = Render(name);
        var path = RepoRoot.Combine("tests", "InferBench.Tests", "Reports", "Golden", name);
        if (Environment.GetEnvironmentVariable("INFERBENCH_WRITE_GOLDEN") == "1")
            File.WriteAllText(path, actual);

        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string Render(string name)
    {
        if (name.StartsWith("comparison.", StringComparison.Ordinal))
            return name.EndsWith(".json", StringComparison.Ordinal) ? ComparisonJson.Serialize(Comparison()) : ComparisonText.Format(Comparison());
        if (name.StartsWith("serving-comparison.", StringComparison.Ordinal))
            return name.EndsWith(".json", StringComparison.Ordinal) ? ComparisonJson.Serialize(ServingComparison()) : ComparisonText.Format(ServingComparison());
        var sample = name[..name.IndexOf('.', StringComparison.Ordinal)];
        var file = name[(sample.Length + 1)..];
        var run = sample switch
        {
            "complete" => ReportSamples.CompleteRun(),
            "quantized" => ReportSamples.QuantizedRun(),
            "serving" => ServingSamples.Run(),
            "llama-cpp-quality" => ReportSamples.LlamaCppQualityRun(),
            "quoting" => ReportSamples.Run(
                ReportSamples.FailedRow() with { Model = "model, \"quoted\"", Reason = "said \"no\", then\nstopped <b>&</b>" },
                ReportSamples.MeasuredRow("cpu-fp32", "fp32", batch: 2, decodeTokensPerSecond: 0.5, joulesPerToken: 12345.678) with
                {
                    Variant = "a,b", ResidentMemoryAfterLoadBytes = 10 * ReportSamples.MebibyteBytes + 1, PeakMemoryBytes = 51 * ReportSamples.MebibyteBytes / 2,
                    LoadSeconds = double.NaN,
                }),
            _ => ReportSamples.Run(
                ReportSamples.MeasuredRow("cpu-fp32", "fp32", batch: 1, decodeTokensPerSecond: 20, joulesPerToken: 2.0, energySource: "estimated-cpu-tdp"),
                ReportSamples.MeasuredRow("cpu-int4", "int4", batch: 1, decodeTokensPerSecond: 54, joulesPerToken: 0.0009, energySource: "estimated-cpu-tdp"))
                with { Cost = null },
        };
        IRunExporter exporter = file switch
        {
            "results.csv" => new CsvResultsExporter(),
            "report.md" => new MarkdownReportExporter(),
            _ => new HtmlReportExporter(),
        };
        return exporter.Export(run);
    }

    /// <summary>The serving sample against a rerun whose concurrency-4 point served 10% more requests with a TTFT 20% longer, and its rates not run.</summary>
    private static RunComparison ServingComparison()
    {
        var baseline = ServingSamples.Run();
        var points = ServingSamples.Points();
        var faster = points[2] with
        {
            Metrics = points[2].Metrics! with
            {
                RequestsPerSecond = points[2].Metrics!.RequestsPerSecond * 1.1,
                TimeToFirstTokenMilliseconds = points[2].Metrics!.TimeToFirstTokenMilliseconds with { Median = 96 },
            },
        };
        return RunComparison.Of([(baseline, "folder-a"), (baseline with { RunId = "rerun", Results = [], Serving = [points[0], points[1], faster] }, "folder-b")]);
    }

    /// <summary>Three runs: a row with few repetitions, one with too few for a verdict, and rows without a match.</summary>
    private static RunComparison Comparison() => RunComparison.Of(
    [
        (CompareSamples.Run("a",
            CompareSamples.Row("cpu-fp32", 1, [100, 104, 96, 102, 98]),
            CompareSamples.Row("cpu-int4", 1, [200, 204, 196]),
            CompareSamples.Row("cpu-int8", 4, [300, 301])), "folder-a"),
        (CompareSamples.Run("b",
            CompareSamples.Row("cpu-fp32", 1, [150, 151, 149, 152, 148], [40, 41, 39, 42, 38]),
            CompareSamples.Row("cpu-int4", 1, [198, 202, 200]),
            CompareSamples.Row("cpu-int8", 4, [310, 305, 300])), "folder-b"),
        (CompareSamples.Run("c",
            CompareSamples.Row("cpu-fp32", 1, [0.00101, 0.00099, 0.001]),
            CompareSamples.Row("cpu-fp16", 1, [90, 91, 92])), "folder-c"),
    ]);
}
