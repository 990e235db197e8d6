using InferBench.Cost.Catalog;
using InferBench.Forecast;
using InferBench.Tests.Support;

namespace InferBench.Tests.Forecast;

public sealed class LeaveOneOutTests
{
    private const string Begin = "<!-- leave-one-out table: begin (LeaveOneOutTests; INFERBENCH_WRITE_GOLDEN=1 rewrites it) -->";
    private const string End = "<!-- leave-one-out table: end -->";

    private static IReadOnlyList<LeaveOneOutResult> Results() => LeaveOneOut.Evaluate(PublishedPoint.All(PricingCatalogLoader.Embedded));

    [Fact]
    public void Each_published_point_is_forecast_from_the_others_only()
    {
        var results = Results();

        Assert.Equal(PricingCatalogLoader.Embedded.PublishedThroughput.Count, results.Count);
        Assert.All(results, result =>
        {
            Assert.True(double.IsFinite(result.ForecastDecodeTokensPerSecond) && result.ForecastDecodeTokensPerSecond > 0, result.Id);
            Assert.True(result.Peers >= 1, result.Id);
        });
        // A point alone in its group would be forecast from itself if it were not left out: its error would be 0.
        Assert.Contains(results, result => result.AbsoluteRelativeError > 0);
    }

    [Fact]
    public void Points_from_the_same_source_are_left_out_together()
    {
        var published = PublishedPoint.All(PricingCatalogLoader.Embedded);
        var mistral1 = published.Single(p => p.Entry.Id == "ort-mistral-7b-fp16-a100-b1");
        var mistral4 = published.Single(p => p.Entry.Id == "ort-mistral-7b-fp16-a100-b4");
        var phi3 = published.Single(p => p.Entry.Id == "ort-phi3-medium-4k-fp16-a100-b1");

        var result = LeaveOneOut.Evaluate([mistral1, mistral4, phi3]).Single(r => r.Id == mistral1.Entry.Id);

        Assert.True(mistral1.IsSiblingOf(mistral4));
        Assert.False(mistral1.IsSiblingOf(phi3));
        Assert.Equal((1, 1), (result.SiblingsLeftOut, result.Peers));
        Assert.Equal(mistral1.Entry.BatchSize / (mistral1.RooflineStepSeconds / phi3.EffectiveEfficiency), result.ForecastDecodeTokensPerSecond, 9);
        // With only its sibling left there is nothing to forecast it from.
        Assert.Empty(LeaveOneOut.Evaluate([mistral1, mistral4]));
    }

    [Fact]
    public void Docs_show_the_table_with_the_errors_this_catalog_gives()
    {
        var path = RepoRoot.Combine("docs", "forecast.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{path} has no leave-one-out table markers");
        var expected = "\n" + LeaveOneOutReport.Markdown(Results());
        var shown = text[(start + Begin.Length)..end];
        if (Environment.GetEnvironmentVariable("INFERBENCH_WRITE_GOLDEN") == "1" && shown != expected)
        {
            File.WriteAllText(path, text[..(start + Begin.Length)] + expected + text[end..]);
            shown = expected;
        }
        Assert.Equal(expected, shown);
    }
}
