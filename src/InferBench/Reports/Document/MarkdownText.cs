using System.Text;

namespace InferBench.Reports.Document;

/// <summary>
/// Makes text, such as names and messages taken from the inputs, literal where report.md puts it: in a heading, a
/// paragraph, a table cell, or inline code.
/// </summary>
internal static class MarkdownText
{
    /// <summary>
    /// One line of literal text: HTML markup characters become entities (a model named <c>&lt;img onerror=...&gt;</c>
    /// stays text), and the characters that start emphasis, code or strikethrough, close a link or a heading, or split
    /// a table cell are backslash-escaped.
    /// </summary>
    public static string Text(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        var escaped = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\\' or '`' or '*' or '_' or '|' or '#' or '~' => $"\\{c}",
                // "[125]" stays as it is: without a definition it is no link, but "](" or "][" would close one.
                ']' when i + 1 < line.Length && line[i + 1] is '(' or '[' => "\\]",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>
    /// Inline code outside a table. The fence is one backtick longer than the longest run of backticks in the text, so
    /// no run inside can close it (CommonMark code spans); a text that starts or ends with a backtick is padded.
    /// </summary>
    public static string Code(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        var longestRun = 0;
        for (int i = 0, run = 0; i < line.Length; i++)
        {
            run = line[i] == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }
        var fence = new string('`', longestRun + 1);
        return longestRun == 0 ? $"{fence}{line}{fence}" : $"{fence} {line} {fence}";
    }
}
