namespace InferBench.Reports.Columns;

/// <summary>
/// One column of a table that results.csv, report.md, report.html or <c>compare</c> renders, after BenchmarkDotNet's
/// IColumn: results.csv heads it with <see cref="Id"/>, the human tables with <see cref="Title"/>, right-aligned when
/// <see cref="Numeric"/>; each reads its cells with <see cref="Read"/>.
/// </summary>
/// <param name="Id">The column's name in results.csv (the documented public name), or a stable key for a table that has no file.</param>
/// <param name="Title">Its heading in report.md, report.html and compare, with the unit where it has one.</param>
/// <param name="Unit">The unit of its values as results/README.md writes it ("ms", "tokens/s", "text").</param>
/// <param name="Legend">What it holds, in a phrase: the start of its definition in results/README.md.</param>
public sealed record Column<TRow>(string Id, string Title, string Unit, bool Numeric, string Legend, Func<TRow, Cell> Read)
{
    /// <summary>The cell as people read it.</summary>
    public string Text(TRow row) => Read(row).Text;

    /// <summary>The same column over a row that holds a <typeparamref name="TRow"/>.</summary>
    public Column<TOuter> Of<TOuter>(Func<TOuter, TRow> part) => new(Id, Title, Unit, Numeric, Legend, outer => Read(part(outer)));
}
