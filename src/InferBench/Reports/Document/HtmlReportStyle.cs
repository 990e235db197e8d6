namespace InferBench.Reports.Document;

/// <summary>The HTML reports' inline style sheet (run and merge alike): system fonts only, tables scroll sideways on a phone, charts scale to the page.</summary>
internal static class HtmlReportStyle
{
    public const string Css = """
        :root{color-scheme:light;--muted:#555;--line:#ddd}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff}
        main{max-width:1200px;margin:0 auto;padding:16px}
        h1{font-size:1.5rem;margin:.2em 0 .6em}
        h2{font-size:1.25rem;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em;margin:0}
        dt{font-weight:600}
        dd{margin:0;overflow-wrap:anywhere}
        code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f4f4f4;padding:0 .2em}
        .partial{border-left:4px solid #d55e00;background:#fff4ec;padding:.5em 1em}
        .takeaway{background:#eef6fb;border-left:4px solid #0072b2;padding:.5em 1em;margin:.5em 0}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,460px),1fr));gap:16px;margin:1em 0}
        figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px}
        figure svg{display:block;width:100%;height:auto}
        figcaption{font-size:13px;color:var(--muted);margin-top:4px}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
        table{border-collapse:collapse;font-size:13px;white-space:nowrap}
        th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f6f6f6}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        footer{font-size:13px;color:var(--muted);margin:2em 0}
        @media (max-width:600px){main{padding:10px}dl{grid-template-columns:1fr}dt{margin-top:.4em}}
        """;
}
