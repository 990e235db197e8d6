using System.Globalization;
using InferBench.Forecast;
using InferBench.Results;

namespace InferBench.Cli;

/// <summary>Forecast rows for people: one line each, central value and band, then where each row's efficiencies, power and price came from.</summary>
public static class ForecastText
{
    public static void Write(IReadOnlyList<ForecastRow> rows, TextWriter output)
    {
        output.WriteLine("FORECAST (not measured): central [low-high]");
        output.WriteLine("target | variant | precision | batch | prompt/gen | decode tok/s | prefill tok/s | TTFT ms | J/token | $/1M tokens | bound | efficiencies");
        foreach (var row in rows)
            output.WriteLine(string.Join(" | ",
                row.Target, $"{row.Model}/{row.Variant}", row.Precision, row.BatchSize.ToString(CultureInfo.InvariantCulture), $"{row.PromptTokens}/{row.GenTokens}",
                Format(row.DecodeTokensPerSecond), Format(row.PrefillTokensPerSecond), Format(row.TimeToFirstTokenMilliseconds),
                row.JoulesPerToken is { } joules ? Format(joules) : "unavailable", row.UsdPerMillionTokens is { } usd ? Format(usd) : "unavailable",
                row.BoundBy, row.Efficiencies.Source));
        output.WriteLine();
        foreach (var line in rows.Select(row => $"{row.Target}, {row.Precision}: efficiencies {row.Efficiencies.Source}: {row.Efficiencies.Detail}").Distinct())
            output.WriteLine(line);
        foreach (var line in rows.Select(row => $"{row.Target}: energy {row.EnergyNote}; price {row.PriceNote}").Distinct())
            output.WriteLine(line);
    }

    private static string Format(Band band) => $"{Number(band.Central)} [{Number(band.Low)}-{Number(band.High)}]";

    private static string Number(double value) => ReadableNumber.Of(value);
}
