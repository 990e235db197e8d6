using System.Text;
using InferBench.Reports.Columns;

namespace InferBench.Reports.Compare;

/// <summary>A comparison as plain text: the runs, then a table whose columns are padded to line up, then the notes.</summary>
public static class ComparisonText
{
    private const string Gap = "  ";

    public static string Format(RunComparison comparison)
    {
        var text = new StringBuilder().AppendJoin("\n", ComparisonTable.Runs(comparison)).Append("\n\n");
        if (comparison.Rows.Count > 0)
            AppendTable(text, ComparisonTable.Columns, comparison.Rows);
        if (comparison.Serving is { } serving)
            AppendTable(text.Append(comparison.Rows.Count > 0 ? "\nServing points\n" : "Serving points\n"), ComparisonTable.ServingColumns, serving);
        return text.Append('\n').AppendJoin("\n", ComparisonTable.Notes(comparison)).Append('\n').ToString();
    }

    /// <summary>The characters the table's widest line takes.</summary>
    public static int TableWidth(RunComparison comparison)
    {
        var widths = Widths(Lines(ComparisonTable.Columns, comparison.Rows));
        return widths.Sum() + Gap.Length * (widths.Count - 1);
    }

    private static void AppendTable<TRow>(StringBuilder text, IReadOnlyList<Column<TRow>> columns, IReadOnlyList<TRow> rows)
    {
        var lines = Lines(columns, rows);
        var widths = Widths(lines);
        foreach (var line in lines)
            text.Append(string.Join(Gap, line.Select((cell, i) => columns[i].Numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
    }

    private static List<IReadOnlyList<string>> Lines<TRow>(IReadOnlyList<Column<TRow>> columns, IReadOnlyList<TRow> rows) =>
        [[.. columns.Select(column => column.Title)], .. rows.Select(row => columns.Select(column => column.Text(row)).ToList())];

    private static List<int> Widths(List<IReadOnlyList<string>> lines) =>
        [.. lines[0].Select((_, i) => lines.Max(line => line[i].Length))];
}
