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

    /// <summary>Each string literal of <paramref name="source"/> (verbatim, interpolated and raw ones included, quotes and all) with the line it starts on.</summary>
    public static IEnumerable<(int Line, string Text)> StringLiterals(string source)
    {
        var i = 0;
        while (i < source.Length)
        {
            var end = LiteralOrCommentEnd(source, i);
            if (end == i)
            {
                i++;
                continue;
            }
            if (source[i] is not ('/' or '\''))
                yield return (source.AsSpan(0, i).Count('\n') + 1, source[i..end]);
            i = end;
        }
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
        var prefixes = s.AsSpan(start, prefix - start);
        return QuotedEnd(s, prefix, '"', verbatim: prefixes.Contains('@'), interpolated: prefixes.Contains('$'));
    }

    /// <param name="interpolated">Whether holes (<c>{...}</c>) may hold code with literals of their own, which do not end this one.</param>
    private static int QuotedEnd(string s, int open, char quote, bool verbatim, bool interpolated = false)
    {
        for (var i = open + 1; i < s.Length; i++)
        {
            if (interpolated && s[i] == '{')
            {
                if (i + 1 < s.Length && s[i + 1] == '{')
                    i++;
                else
                    i = HoleEnd(s, i);
            }
            else if (!verbatim && s[i] == '\\')
                i++;
            else if (s[i] == quote && verbatim && i + 1 < s.Length && s[i + 1] == quote)
                i++;
            else if (s[i] == quote)
                return i + 1;
        }
        return s.Length;
    }

    /// <summary>Where the interpolation hole opened at <paramref name="open"/> closes (its <c>}</c>), skipping the literals and braces inside it.</summary>
    private static int HoleEnd(string s, int open)
    {
        var depth = 1;
        var i = open + 1;
        while (i < s.Length)
        {
            var end = LiteralOrCommentEnd(s, i);
            if (end != i)
            {
                i = end;
                continue;
            }
            depth += s[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
                return i;
            i++;
        }
        return s.Length;
    }

    private static bool At(string s, int index, string text) => string.CompareOrdinal(s, index, text, 0, text.Length) == 0;

    private static int IndexOrEnd(string s, int index, int length = 0) => index < 0 ? s.Length : index + length;
}
