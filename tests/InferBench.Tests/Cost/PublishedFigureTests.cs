using InferBench.Cost.Catalog;
using InferBench.Cost.Citations;
using InferBench.Cost.Model;
using InferBench.Cost.Sheets;
using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Tests.Cost;

/// <summary>The published figures the cost model must reproduce (sources: docs/cost-model.md).</summary>
public sealed class PublishedFigureTests
{
    [Fact]
    public void An_instance_at_38_dollars_an_hour_costs_27360_a_24x30_hour_month()
    {
        var instance = new RentedHardware(
            new(new UsdPerHour(38), Citation.Given("--price-per-hour")),
            new(CostCalendar.HoursPerMonth, Citation.Default("always on")));

        Assert.Equal(720, CostCalendar.HoursPerMonth);
        Assert.Equal(new Usd(27_360), instance.FixedPerMonth);
        Assert.Equal("$27,360", CostFormat.Usd(instance.FixedPerMonth.Value));
    }

    [Fact]
    public void Gpt4_at_3_and_6_cents_per_1k_tokens_is_30_and_60_dollars_per_1m()
    {
        Assert.Equal(new UsdPerMillionTokens(30), UsdPerMillionTokens.FromUsdPerThousandTokens(0.03));
        Assert.Equal(new UsdPerMillionTokens(60), UsdPerMillionTokens.FromUsdPerThousandTokens(0.06));

        var gpt4 = PricingCatalog.Find(PricingCatalogLoader.Embedded.Apis, "gpt-4-8k-2023-03", "--api");
        Assert.Equal(new ApiPrice(new(30), new(60)), gpt4.Price);
        Assert.Equal((Provenance.Verified, "2023-03"), (gpt4.Provenance, gpt4.AsOf));
    }

    [Fact]
    public void An_instance_at_32_77_dollars_an_hour_generating_1000_tokens_a_second_costs_9_10_per_1m_tokens()
    {
        var perMillion = new UsdPerHour(32.77).PerMillionTokens(new TokensPerSecond(1000), Utilization.Full);

        Assert.Equal(32.77 / 3.6, perMillion.Value, 12);
        Assert.Equal("$9.10", CostFormat.Usd(perMillion.Value));
    }

    [Fact]
    public void Gpt3_is_3_15e23_flops_or_357_v100_years_at_28_tflops_and_4_7_million_dollars_at_1_50_an_hour()
    {
        var gpt3 = new TrainingEstimate
        {
            Parameters = new(175e9, Citation.Given("--params")),
            Tokens = new(300e9, Citation.Given("--tokens")),
            SustainedTflopsPerGpu = new(28, Citation.Given("--gpu-tflops")),
            PricePerGpuHour = new(new UsdPerHour(1.5), Citation.Given("--price-per-gpu-hour")),
            Gpus = new(1, Citation.Default("one GPU")),
        };

        Assert.Equal(3.15e23, gpt3.TotalFlops, 1e-12 * 3.15e23);
        Assert.Equal(3_125_000, gpt3.GpuHours, 1e-6);
        // Lambda's "about 355 V100-years" and "$4.6M" start from the paper's 3.14e23 FLOPs; 6 x N x T gives 3.15e23.
        Assert.Equal(356.735, gpt3.GpuYears, 3);
        Assert.Equal(4_687_500, gpt3.Cost.Value, 6);
        var printed = CostFigures.Training(gpt3).Figures.ToDictionary(figure => figure.Key, figure => figure.Text);
        Assert.Equal("3.15e23 FLOPs", printed["flops"]);
        Assert.Equal("3,125,000 GPU-hours", printed["gpuHours"]);
        Assert.Equal("357 GPU-years", printed["gpuYears"]);
        Assert.Equal("$4,687,500", printed["usd"]);
    }
}
