using InferBench.Reports.Columns;

namespace InferBench.Reports.Document;

/// <summary>A table: its header (each title with its unit) and its rows of cell text, numeric columns right-aligned.</summary>
public sealed record TableBlock(IReadOnlyList<TableHeader> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock
{
    /// <summary>The table of <paramref name="rows"/> over <paramref name="columns"/>, each cell the column's text.</summary>
    public static TableBlock Of<TRow>(IReadOnlyList<Column<TRow>> columns, IEnumerable<TRow> rows) => new(
        [.. columns.Select(column => new TableHeader(column.Title, column.Numeric))],
        [.. rows.Select(row => (IReadOnlyList<string>)[.. columns.Select(column => column.Text(row))])]);
}
