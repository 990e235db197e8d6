using InferBench.Forecast;
using InferBench.Reports;

namespace InferBench.Cli;

/// <summary>Forecast rows for people: one line each, central value and band, then where each row's efficiencies, power and price came from.</summary>
public static class ForecastText
{
    public static void Write(IReadOnlyList<ForecastRow> rows, TextWriter output)
    {
        output.WriteLine("FORECAST (not measured): central [low-high]");
        output.WriteLine(string.Join(" | ", ForecastSection.Columns.Select(column => column.Title)));
        foreach (var row in rows)
            output.WriteLine(string.Join(" | ", ForecastSection.Columns.Select(column => column.Text(row))));
        output.WriteLine();
        foreach (var note in ForecastSection.Notes(rows))
            output.WriteLine(note);
    }
}
