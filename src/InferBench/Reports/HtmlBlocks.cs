using System.Text;
using InferBench.Reports.Columns;

namespace InferBench.Reports;

/// <summary>The blocks report.html and the merged report.html are made of: facts, charts and tables over columns.</summary>
internal static class HtmlBlocks
{
    public static void AppendFacts(StringBuilder html, IEnumerable<ReportFact> facts)
    {
        html.Append("<dl>\n");
        foreach (var fact in facts)
            html.Append($"<dt>{E(fact.Label)}</dt><dd>{(fact.IsCode ? $"<code>{E(fact.Text)}</code>" : E(fact.Text))}</dd>\n");
        html.Append("</dl>\n");
    }

    public static void AppendCharts(StringBuilder html, IReadOnlyList<ReportFigure> figures)
    {
        if (figures.Count == 0)
            return;
        html.Append("<div class=\"charts\">\n");
        foreach (var figure in figures)
            html.Append($"<figure>{figure.Svg}<figcaption>{E(figure.Caption)}</figcaption></figure>\n");
        html.Append("</div>\n");
    }

    public static void AppendTable<TRow>(StringBuilder html, IReadOnlyList<Column<TRow>> columns, IEnumerable<TRow> rows)
    {
        html.Append("<div class=\"scroll\"><table>\n<thead><tr>")
            .AppendJoin("", columns.Select(column => $"<th scope=\"col\">{E(column.Title)}</th>"))
            .Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
            html.Append("<tr>")
                .AppendJoin("", columns.Select(column => $"<td{(column.Numeric ? " class=\"n\"" : "")}>{E(column.Text(row))}</td>"))
                .Append("</tr>\n");
        html.Append("</tbody>\n</table></div>\n");
    }

    private static string E(string text) => HtmlText.Escape(text);
}
