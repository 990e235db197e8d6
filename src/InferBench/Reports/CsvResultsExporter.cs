using System.Globalization;
using CsvHelper;
using InferBench.Cost;
using InferBench.Reports.Columns;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// results.csv: one row per <see cref="ScenarioResult"/>, headed by the ids of <see cref="ResultColumns.Csv"/>, RFC 4180
/// quoting, LF line ends, invariant culture. The columns are documented in results/README.md.
/// </summary>
public sealed class CsvResultsExporter : IRunExporter
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public const string FileName = "results.csv";

    string IRunExporter.FileName => FileName;

    public string Export(RunResult run)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            var pricing = new RunPricing(run.Cost);
            WriteLine(csv, ResultColumns.Csv.Select(column => column.Id));
            foreach (var result in run.Results)
            {
                var row = new PricedRow(result, pricing.For(result));
                WriteLine(csv, ResultColumns.Csv.Select(column => column.Read(row).Exact));
            }
        }
        return text.ToString();
    }

    private static void WriteLine(CsvWriter csv, IEnumerable<string?> fields)
    {
        foreach (var field in fields)
            csv.WriteField(field);
        csv.EndRecord();
    }
}
