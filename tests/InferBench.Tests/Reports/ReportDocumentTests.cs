using InferBench.Reports.Document;

namespace InferBench.Tests.Reports;

/// <summary>Every block of a report document, written by both renderers: text literal in each format, charts only in HTML.</summary>
public sealed class ReportDocumentTests
{
    private static readonly ReportDocument Document = new("T <1>",
        [new NoteBlock(NoteKind.Warning, "Partial", "stopped."), new ParagraphBlock("a*b")],
        [
            new ReportSection("Setup", [new FactsBlock([new ReportFact("Host", "x_y"), new ReportFact("Command", "run `x`", IsCode: true)]), new ChartsBlock([])]),
            new ReportSection("m|1",
            [
                new SubheadingBlock("Best"),
                new ListBlock(["one"]),
                new ChartsBlock([new ReportFigure("cap", "<svg/>")]),
                new NoteBlock(NoteKind.Takeaway, "What this means", "fast"),
                new TableBlock([new TableHeader("Name", false), new TableHeader("Tok/s", true)], [["a|b", "1.5"]]),
            ], Enclosed: true, HtmlClass: "forecast"),
        ],
        "Defs: estimated-*.");

    [Fact]
    public void Markdown_escapes_text_ends_each_block_with_a_blank_line_leaves_charts_out_and_writes_the_definitions_as_they_are()
    {
        Assert.Equal(
            "# T &lt;1&gt;\n\n> **Partial:** stopped.\n\na\\*b\n\n## Setup\n\n- **Host:** x\\_y\n- **Command:** `` run `x` ``\n\n" +
            "## m\\|1\n\n### Best\n\n- one\n\n**What this means:** fast\n\n| Name | Tok/s |\n|---|---:|\n| a\\|b | 1.5 |\n\nDefs: estimated-*.\n",
            MarkdownRenderer.Render(Document));
    }

    [Fact]
    public void Html_is_one_page_with_enclosed_sections_charts_and_escaped_text()
    {
        var html = HtmlRenderer.Render(Document);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", html, StringComparison.Ordinal);
        Assert.Contains("<title>T &lt;1&gt;</title>\n<style>\n", html, StringComparison.Ordinal);
        Assert.Equal(
            "<h1>T &lt;1&gt;</h1>\n<p class=\"partial\"><strong>Partial:</strong> stopped.</p>\n<p>a*b</p>\n" +
            "<h2>Setup</h2>\n<dl>\n<dt>Host</dt><dd>x_y</dd>\n<dt>Command</dt><dd><code>run `x`</code></dd>\n</dl>\n" +
            "<section class=\"forecast\">\n<h2>m|1</h2>\n<h3>Best</h3>\n<ul>\n<li>one</li>\n</ul>\n" +
            "<div class=\"charts\">\n<figure><svg/><figcaption>cap</figcaption></figure>\n</div>\n" +
            "<p class=\"takeaway\"><strong>What this means:</strong> fast</p>\n" +
            "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Tok/s</th></tr></thead>\n<tbody>\n" +
            "<tr><td>a|b</td><td class=\"n\">1.5</td></tr>\n</tbody>\n</table></div>\n</section>\n" +
            "<footer>Defs: estimated-*.</footer>\n</main>\n</body>\n</html>\n",
            html[html.IndexOf("<h1>", StringComparison.Ordinal)..]);
    }
}
