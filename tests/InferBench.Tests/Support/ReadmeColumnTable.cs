using InferBench.Reports.Columns;

namespace InferBench.Tests.Support;

/// <summary>A table of columns in results/README.md: each row's column id, unit and definition (backticks dropped).</summary>
internal static class ReadmeColumnTable
{
    /// <param name="headerLine">The table's header line, such as "| Column | Unit | Definition |".</param>
    private static List<(string Id, string Unit, string Definition)> Rows(string headerLine)
    {
        var lines = File.ReadAllLines(RepoRoot.Combine("results", "README.md"));
        var header = Array.IndexOf(lines, headerLine);
        Assert.True(header >= 0, $"results/README.md has no \"{headerLine}\" table");
        return
        [
            .. lines.Skip(header + 2).TakeWhile(line => line.StartsWith("| `", StringComparison.Ordinal)).Select(line =>
            {
                var cells = line.Split(" | ");
                return (cells[0].Trim('|', ' ', '`'), cells[1], string.Join(" | ", cells[2..]).TrimEnd('|', ' ').Replace("`", "", StringComparison.Ordinal).Replace("\\|", "|", StringComparison.Ordinal));
            }),
        ];
    }

    /// <summary>The table under <paramref name="headerLine"/> lists <paramref name="columns"/> in order, each with its unit and a definition that starts with its legend.</summary>
    public static void AssertDocuments<TRow>(string headerLine, IReadOnlyList<Column<TRow>> columns)
    {
        var documented = Rows(headerLine);
        Assert.Equal(documented.Select(row => (row.Id, row.Unit)), columns.Select(column => (column.Id, column.Unit)));
        foreach (var (column, row) in columns.Zip(documented))
            Assert.True(row.Definition.StartsWith(column.Legend, StringComparison.Ordinal),
                $"{column.Id}: results/README.md says \"{row.Definition}\", which does not start with the legend \"{column.Legend}\"");
    }
}
