using System.Text;
using InferBench.Reports.Columns;
using static InferBench.Reports.MarkdownText;

namespace InferBench.Reports;

/// <summary>The blocks report.md and the merged report.md are made of: tables over columns and lists of facts.</summary>
internal static class MarkdownBlocks
{
    /// <summary>A table with its header, right-aligned numeric columns and every cell literal text, then a blank line.</summary>
    public static void AppendTable<TRow>(StringBuilder md, IReadOnlyList<Column<TRow>> columns, IEnumerable<TRow> rows)
    {
        md.Append("| " + string.Join(" | ", columns.Select(column => column.Title)) + " |\n")
            .Append('|').Append(string.Concat(columns.Select(column => column.Numeric ? "---:|" : "---|"))).Append('\n');
        foreach (var row in rows)
            md.Append("| " + string.Join(" | ", columns.Select(column => Text(column.Text(row)))) + " |\n");
        md.Append('\n');
    }

    public static void AppendFacts(StringBuilder md, IEnumerable<ReportFact> facts)
    {
        foreach (var fact in facts)
            md.Append($"- **{Text(fact.Label)}:** {(fact.IsCode ? Code(fact.Text) : Text(fact.Text))}\n");
    }
}
