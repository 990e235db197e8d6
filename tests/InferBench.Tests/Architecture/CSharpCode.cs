using System.Text;

namespace InferBench.Tests.Architecture;

/// <summary>C# source with comments and string and character literals blanked out, so only code is left to search.</summary>
public static class CSharpCode
{
    public static string Of(string source)
    {
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var end = LiteralOrCommentEnd(source, i);
            if (end == i)
            {
                code.Append(source[i]);
                i++;
            }
            else
            {
                code.Append(' ');
                i = end;
            }
        }
        return code.ToString();
    }

    /// <summary>Where the comment or literal starting at <paramref name="start"/> ends, or <paramref name="start"/> when none starts there.</summary>
    private static int LiteralOrCommentEnd(string s, int start)
    {
        if (At(s, start, "//"))
            return IndexOrEnd(s, s.IndexOf('\n', start));
        if (At(s, start, "/*"))
            return IndexOrEnd(s, s.IndexOf("*/", start + 2, StringComparison.Ordinal), 2);
        var prefix = start;
        while (prefix < s.Length && s[prefix] is '$' or '@')
            prefix++;
        if (prefix < s.Length && s[prefix] == '\'' && prefix == start)
            return QuotedEnd(s, prefix, '\'', verbatim: false);
        if (prefix >= s.Length || s[prefix] != '"')
            return start;
        if (At(s, prefix, "\"\"\""))
        {
            var quotes = prefix;
            while (quotes < s.Length && s[quotes] == '"')
                quotes++;
            var fence = new string('"', quotes - prefix);
            return IndexOrEnd(s, s.IndexOf(fence, quotes, StringComparison.Ordinal), fence.Length);
        }
        return QuotedEnd(s, prefix, '"', verbatim: s.AsSpan(start, prefix - start).Contains('@'));
    }

    private static int QuotedEnd(string s, int open, char quote, bool verbatim)
    {
        for (var i = open + 1; i < s.Length; i++)
        {
            if (!verbatim && s[i] == '\\')
                i++;
            else if (s[i] == quote && verbatim && i + 1 < s.Length && s[i + 1] == quote)
                i++;
            else if (s[i] == quote)
                return i + 1;
        }
        return s.Length;
    }

    private static bool At(string s, int index, string text) => string.CompareOrdinal(s, index, text, 0, text.Length) == 0;

    private static int IndexOrEnd(string s, int index, int length = 0) => index < 0 ? s.Length : index + length;
}
