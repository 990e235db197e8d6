using System.Diagnostics;
using System.Text;
using static InferBench.Reports.Document.MarkdownText;

namespace InferBench.Reports.Document;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as Markdown (report.md): every text literal (<see cref="MarkdownText"/>), each block
/// followed by a blank line, charts left out.
/// </summary>
public static class MarkdownRenderer
{
    public static string Render(ReportDocument document)
    {
        var md = new StringBuilder($"# {Text(document.Title)}\n\n");
        AppendBlocks(md, document.Lead);
        foreach (var section in document.Sections)
        {
            md.Append($"## {Text(section.Heading)}\n\n");
            AppendBlocks(md, section.Blocks);
        }
        return md.Append(document.Definitions).Append('\n').ToString();
    }

    private static void AppendBlocks(StringBuilder md, IEnumerable<ReportBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    md.Append($"{Text(paragraph.Text)}\n\n");
                    break;
                case NoteBlock note:
                    md.Append($"{(note.Kind == NoteKind.Warning ? "> " : "")}**{Text(note.Label)}:** {Text(note.Text)}\n\n");
                    break;
                case SubheadingBlock subheading:
                    md.Append($"### {Text(subheading.Text)}\n\n");
                    break;
                case ListBlock list:
                    md.AppendJoin("", list.Items.Select(item => $"- {Text(item)}\n")).Append('\n');
                    break;
                case FactsBlock facts:
                    md.AppendJoin("", facts.Facts.Select(fact => $"- **{Text(fact.Label)}:** {(fact.IsCode ? Code(fact.Text) : Text(fact.Text))}\n")).Append('\n');
                    break;
                case TableBlock table:
                    AppendTable(md, table);
                    break;
                case ChartsBlock:
                    break;
                default:
                    throw new UnreachableException($"No Markdown for {block.GetType().Name}.");
            }
        }
    }

    /// <summary>The header as it is, right-aligned numeric columns, and every cell literal text.</summary>
    private static void AppendTable(StringBuilder md, TableBlock table)
    {
        md.Append("| " + string.Join(" | ", table.Headers.Select(header => header.Title)) + " |\n")
            .Append('|').Append(string.Concat(table.Headers.Select(header => header.Numeric ? "---:|" : "---|"))).Append('\n');
        foreach (var row in table.Rows)
            md.Append("| " + string.Join(" | ", row.Select(Text)) + " |\n");
        md.Append('\n');
    }
}
