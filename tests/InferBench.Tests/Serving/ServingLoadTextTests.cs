using InferBench.Results;

namespace InferBench.Tests.Serving;

/// <summary>How a load point is named in progress lines and reports, the automatic rates' placeholder row included.</summary>
public sealed class ServingLoadTextTests
{
    [Fact]
    public void Each_load_reads_as_words_and_the_automatic_rates_placeholder_never_as_NaN()
    {
        Assert.Equal("concurrency 4", ServingLoad.Closed(4).ToString());
        Assert.Equal("2.00 requests/s", ServingLoad.Open(2).ToString());
        Assert.Equal("automatic request rates", ServingLoad.Open(null).ToString());
    }
}
