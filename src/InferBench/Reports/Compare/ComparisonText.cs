using System.Text;

namespace InferBench.Reports.Compare;

/// <summary>A comparison as plain text: the runs, then a table whose columns are padded to line up, then the notes.</summary>
public static class ComparisonText
{
    private const string Gap = "  ";

    public static string Format(RunComparison comparison)
    {
        var columns = ComparisonTable.Columns;
        var lines = Lines(comparison);
        var widths = Widths(lines);
        var text = new StringBuilder().AppendJoin("\n", ComparisonTable.Runs(comparison)).Append("\n\n");
        foreach (var line in lines)
            text.Append(string.Join(Gap, line.Select((cell, i) => columns[i].Numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
        return text.Append('\n').AppendJoin("\n", ComparisonTable.Notes(comparison)).Append('\n').ToString();
    }

    /// <summary>The characters the table's widest line takes.</summary>
    public static int TableWidth(RunComparison comparison)
    {
        var widths = Widths(Lines(comparison));
        return widths.Sum() + Gap.Length * (widths.Count - 1);
    }

    private static List<IReadOnlyList<string>> Lines(RunComparison comparison) =>
        [[.. ComparisonTable.Columns.Select(column => column.Title)],
            .. comparison.Rows.Select(row => ComparisonTable.Columns.Select(column => column.Text(row)).ToList())];

    private static List<int> Widths(List<IReadOnlyList<string>> lines) =>
        [.. ComparisonTable.Columns.Select((_, i) => lines.Max(line => line[i].Length))];
}
