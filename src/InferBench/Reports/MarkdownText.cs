namespace InferBench.Reports;

/// <summary>Makes text safe where report.md puts it: inside a table cell, or inline code.</summary>
internal static class MarkdownText
{
    public static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Inline code outside a table; a text with a backtick gets a double-backtick fence.</summary>
    public static string Code(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Contains('`', StringComparison.Ordinal) ? $"`` {line} ``" : $"`{line}`";
    }
}
