using System.Text;

namespace InferBench.Reports;

/// <summary>
/// Escapes text for HTML and SVG content and attribute values. Only the five markup characters are replaced: the page is
/// UTF-8, so "±" and "·" stay readable in the source (WebUtility.HtmlEncode would write them as numeric entities).
/// </summary>
internal static class HtmlText
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
