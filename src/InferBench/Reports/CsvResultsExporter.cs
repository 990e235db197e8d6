using System.Globalization;
using CsvHelper;
using InferBench.Cost;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// results.csv: one row per <see cref="ScenarioResult"/> (<see cref="CsvResultRow"/>), header first, RFC 4180 quoting,
/// LF line ends, invariant culture. The columns are documented in results/README.md.
/// </summary>
public sealed class CsvResultsExporter : IRunExporter
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public string FileName => "results.csv";

    public string Export(RunResult run)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            var pricing = new RunPricing(run.Cost);
            csv.WriteRecords(run.Results.Select(result => CsvResultRow.From(result, pricing.For(result))));
        }
        return text.ToString();
    }
}
