using InferBench.Cost.Catalog;
using InferBench.Cost.Citations;
using InferBench.Cost.Model;
using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Tests.Cost;

public sealed class TrainingEstimateTests
{
    private static TrainingEstimate Gpt3(Cited<double> sustainedTflops, int gpus = 1) => new()
    {
        Parameters = new(175e9, Citation.Given("--params")),
        Tokens = new(300e9, Citation.Given("--tokens")),
        SustainedTflopsPerGpu = sustainedTflops,
        PricePerGpuHour = new(new UsdPerHour(1.5), Citation.Given("--price-per-gpu-hour")),
        Gpus = new(gpus, Citation.Given("--gpus")),
    };

    [Fact]
    public void A_catalog_gpu_sustains_its_peak_times_the_utilisation_and_keeps_the_peak_s_citation()
    {
        var v100 = PricingCatalog.Find(PricingCatalogLoader.Embedded.Gpus, "v100-sxm2", "--gpu");

        var sustained = TrainingEstimate.Sustained(v100, new(new Utilization(0.224), Citation.Given("--utilization")));

        Assert.Equal(28, sustained.Value, 12);
        Assert.Equal((Provenance.Verified, "2017"), (sustained.Citation.Provenance, sustained.Citation.AsOf));
        Assert.Contains("22.4% (given: --utilization) of 125 TFLOPS peak", sustained.Citation.Source);
        Assert.Equal(3_125_000, Gpt3(sustained).GpuHours, 6);
    }

    [Fact]
    public void More_gpus_shorten_the_wall_clock_but_not_the_gpu_time_or_the_cost()
    {
        var one = Gpt3(new(28, Citation.Given("--gpu-tflops")));
        var many = Gpt3(new(28, Citation.Given("--gpu-tflops")), gpus: 1024);

        Assert.Equal(one.GpuHours, many.GpuHours);
        Assert.Equal(one.Cost, many.Cost);
        Assert.Equal(3_125_000 / 24.0, one.WallClockDays, 6);
        Assert.Equal(3_125_000 / 24.0 / 1024, many.WallClockDays, 9);
    }
}
