using System.Diagnostics;
using System.Text;

namespace InferBench.Reports.Document;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained page (report.html): inline style (<see cref="HtmlReportStyle"/>),
/// inline SVG charts, no scripts, nothing fetched, readable on a phone.
/// </summary>
public static class HtmlRenderer
{
    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{E(document.Title)}</title>\n<style>\n{HtmlReportStyle.Css}</style>\n</head>\n<body>\n<main>\n<h1>{E(document.Title)}</h1>\n");
        AppendBlocks(html, document.Lead);
        foreach (var section in document.Sections)
        {
            if (section.Enclosed)
                html.Append(section.HtmlClass is { } name ? $"<section class=\"{E(name)}\">\n" : "<section>\n");
            html.Append($"<h2>{E(section.Heading)}</h2>\n");
            AppendBlocks(html, section.Blocks);
            if (section.Enclosed)
                html.Append("</section>\n");
        }
        return html.Append($"<footer>{E(document.Definitions)}</footer>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static void AppendBlocks(StringBuilder html, IEnumerable<ReportBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    html.Append($"<p>{E(paragraph.Text)}</p>\n");
                    break;
                case NoteBlock note:
                    html.Append($"<p class=\"{(note.Kind == NoteKind.Warning ? "partial" : "takeaway")}\"><strong>{E(note.Label)}:</strong> {E(note.Text)}</p>\n");
                    break;
                case SubheadingBlock subheading:
                    html.Append($"<h3>{E(subheading.Text)}</h3>\n");
                    break;
                case ListBlock list:
                    html.Append("<ul>\n").AppendJoin("", list.Items.Select(item => $"<li>{E(item)}</li>\n")).Append("</ul>\n");
                    break;
                case FactsBlock facts:
                    html.Append("<dl>\n")
                        .AppendJoin("", facts.Facts.Select(fact => $"<dt>{E(fact.Label)}</dt><dd>{(fact.IsCode ? $"<code>{E(fact.Text)}</code>" : E(fact.Text))}</dd>\n"))
                        .Append("</dl>\n");
                    break;
                case TableBlock table:
                    AppendTable(html, table);
                    break;
                case ChartsBlock { Figures.Count: > 0 } charts:
                    html.Append("<div class=\"charts\">\n")
                        .AppendJoin("", charts.Figures.Select(figure => $"<figure>{figure.Svg}<figcaption>{E(figure.Caption)}</figcaption></figure>\n"))
                        .Append("</div>\n");
                    break;
                case ChartsBlock:
                    break;
                default:
                    throw new UnreachableException($"No HTML for {block.GetType().Name}.");
            }
        }
    }

    private static void AppendTable(StringBuilder html, TableBlock table)
    {
        html.Append("<div class=\"scroll\"><table>\n<thead><tr>")
            .AppendJoin("", table.Headers.Select(header => $"<th scope=\"col\">{E(header.Title)}</th>"))
            .Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
            html.Append("<tr>")
                .AppendJoin("", row.Select((cell, i) => $"<td{(table.Headers[i].Numeric ? " class=\"n\"" : "")}>{E(cell)}</td>"))
                .Append("</tr>\n");
        html.Append("</tbody>\n</table></div>\n");
    }

    private static string E(string text) => HtmlText.Escape(text);
}
