using System.Globalization;
using CsvHelper;

namespace InferBench.Reports.Columns;

/// <summary>A CSV file over columns, as results.csv is written: headed by the column ids, RFC 4180 quoting, LF line ends, invariant culture.</summary>
public static class CsvTable
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static string Write<TRow>(IReadOnlyList<Column<TRow>> columns, IEnumerable<TRow> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            WriteLine(csv, columns.Select(column => column.Id));
            foreach (var row in rows)
                WriteLine(csv, columns.Select(column => column.Read(row).Exact));
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
