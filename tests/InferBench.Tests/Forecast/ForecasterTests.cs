using InferBench.Cost.Catalog;
using InferBench.Cost.Units;
using InferBench.Forecast;

namespace InferBench.Tests.Forecast;

public sealed class ForecasterTests
{
    private static readonly ModelFacts Facts = new(Parameters: 8_000_000_000, MatMulParameters: 7_000_000_000, WeightBytesPerDecodeStep: 14_000_000_000,
        KvCacheBytesPerToken: 131_072, Layers: 32, AttentionHeads: 32, HeadSize: 128);

    private static readonly HostPeaks Peaks = new("Test GPU", HostPeaks.GpuKind, 2e12,
        new Dictionary<string, double> { ["fp16"] = 300e12 }, "test");

    private static readonly ForecastTarget Target = new("test-gpu", Peaks, "datacenter-hbm", BoardPowerWatts: 400, "test datasheet", UsdPerHour: 2, "given");

    [Fact]
    public void Decode_at_batch_one_is_the_weights_over_the_effective_bandwidth()
    {
        var efficiencies = new Efficiencies(new Band(0.5, 0.6, 0.7), new Band(0.5, 0.6, 0.7), 0, Efficiencies.Published, "test");
        var variant = new ForecastVariant("m", "v", "fp16", Facts);

        var row = Assert.Single(Forecaster.Forecast(variant, Target, efficiencies, new ForecastPlan([1], [128], [64]), hostWatts: null));

        var bytes = 14e9 + (128 + 32) * 131_072.0;
        Assert.Equal(0.6 * 2e12 / bytes, row.DecodeTokensPerSecond.Central, 6);
        Assert.Equal(0.5 * 2e12 / bytes, row.DecodeTokensPerSecond.Low, 6);
        Assert.Equal(0.7 * 2e12 / bytes, row.DecodeTokensPerSecond.High, 6);
        Assert.Equal("memory", row.BoundBy);
        Assert.Equal("forecast", row.Label);
        // $ per 1M tokens: the hour's price over the tokens an hour makes.
        Assert.Equal(2 / (row.DecodeTokensPerSecond.Central * 3600) * 1e6, row.UsdPerMillionTokens!.Central, 9);
        // Power between utilisation x board power and the full board power, so J/token lies between them over tok/s.
        Assert.InRange(row.JoulesPerToken!.Central, 0.6 * 400 / row.DecodeTokensPerSecond.Central * 0.99, 400 / row.DecodeTokensPerSecond.Central);
        Assert.True(row.TimeToFirstTokenMilliseconds.Low <= row.TimeToFirstTokenMilliseconds.Central && row.TimeToFirstTokenMilliseconds.Central <= row.TimeToFirstTokenMilliseconds.High);
    }

    [Theory]
    [InlineData("int4", 1, 0.0)] // one row: the fused GEMV reads the packed weights only
    [InlineData("int4", 4, 4.0)] // more rows: every weight is dequantized to fp16 (2 bytes written, 2 read) before the GEMM
    [InlineData("int8", 4, 4.0)]
    [InlineData("fp16", 4, 0.0)]
    public void On_a_gpu_a_quantized_decode_step_of_more_than_one_row_moves_the_fp16_copy_of_its_weights(string precision, int batch, double copyBytesPerWeight)
    {
        var efficiencies = new Efficiencies(new Band(1, 1, 1), new Band(1e6, 1e6, 1e6), 0, Efficiencies.Published, "test");
        var variant = new ForecastVariant("m", "v", precision, Facts);
        var target = Target with { Peaks = Peaks with { PeakFlopsPerSecondByPrecision = new Dictionary<string, double> { ["fp16"] = 300e12, [precision] = 300e12 } } };

        var row = Assert.Single(Forecaster.Forecast(variant, target, efficiencies, new ForecastPlan([batch], [128], [64]), hostWatts: null));

        var bytes = 14e9 + batch * (128 + 32) * 131_072.0 + copyBytesPerWeight * 7e9;
        Assert.Equal(batch * 2e12 / bytes, row.DecodeTokensPerSecond.Central, 6);
        Assert.False(ModelFacts.DequantizingGemm(precision, HostPeaks.CpuKind));
    }

    [Fact]
    public void Onnx_runtimes_weight_only_int8_on_a_gpu_runs_at_the_fp16_rate_and_an_engine_with_int8_gemms_at_the_int8_rate()
    {
        var peaks = Peaks with { PeakFlopsPerSecondByPrecision = new Dictionary<string, double> { ["fp16"] = 100e12, ["int8"] = 400e12 } };
        var bytes = Facts.DecodeStepBytes(1024, 160, dequantizingGemm: true);
        var flops = Facts.DecodeStepFlops(1024, 160);
        Assert.True(flops / 100e12 > bytes / peaks.MemoryBandwidthBytesPerSecond, "compute-bound at batch 1024");

        Assert.Equal(flops / 100e12, Forecaster.RooflineSeconds(Facts, 1024, 160, peaks, "int8", dequantizingGemm: true), 12);
        Assert.Equal(Math.Max(Facts.DecodeStepBytes(1024, 160) / 2e12, flops / 400e12), Forecaster.RooflineSeconds(Facts, 1024, 160, peaks, "int8", dequantizingGemm: false), 12);
        Assert.True(ModelFacts.DequantizingGemm("int8", HostPeaks.GpuKind));
    }

    [Theory]
    [InlineData("v100-sxm2", 15.7e12)]        // no TF32 tensor cores: the FP32 CUDA-core rate
    [InlineData("a100-sxm4-80gb", 156e12)]    // TF32 tensor, half the fp16 rate
    public void A_gpus_fp32_peak_is_its_tf32_rate_only_where_it_has_tf32(string gpu, double fp32)
    {
        var peaks = GpuPeaks.Of(PricingCatalog.Find(PricingCatalogLoader.Embedded.Gpus, gpu, "--gpu"), "--gpu");

        Assert.Equal(fp32, peaks.PeakFlopsPerSecond("fp32"), 1);
    }

    [Fact]
    public void A_forecast_from_one_published_point_has_a_band_at_least_as_wide_as_its_leave_one_out_error()
    {
        var published = PublishedPoint.All(PricingCatalogLoader.Embedded);
        var rtx4090 = Target with { Id = "rtx-4090", GpuClass = "consumer-gddr" };
        var phi2 = Assert.Single(published, p => p.Entry.EngineFamily == Forecaster.EngineFamily && p.Entry.Precision == "int4" && p.GpuClass == "consumer-gddr");
        var error = Assert.Single(LeaveOneOut.Evaluate(published), result => result.Id == phi2.Entry.Id).AbsoluteRelativeError;

        var efficiencies = Forecaster.EfficienciesFor("int4", rtx4090, null, published);

        Assert.Equal(Efficiencies.Published, efficiencies.Source);
        Assert.Equal(phi2.EffectiveEfficiency, efficiencies.Memory.Central, 12);
        Assert.Equal(phi2.EffectiveEfficiency / (1 + error), efficiencies.Memory.Low, 12);
        Assert.Equal(phi2.EffectiveEfficiency * (1 + error), efficiencies.Memory.High, 12);
        Assert.Contains("leave-one-out", efficiencies.Detail);
    }

    [Fact]
    public void Efficiencies_come_from_a_same_hardware_calibration_then_published_points_then_the_default()
    {
        var profile = ProfileJsonTests.Sample() with { Host = ProfileJsonTests.Sample().Host with { Kind = HostPeaks.GpuKind, GpuId = "test-gpu" } };
        var published = PublishedPoint.All(PricingCatalogLoader.Embedded);

        Assert.Equal(Efficiencies.Calibration, Forecaster.EfficienciesFor("int4", Target, profile, published).Source);
        var l40sClass = Target with { Id = "other", GpuClass = "datacenter-hbm" };
        Assert.Equal(Efficiencies.Published, Forecaster.EfficienciesFor("fp16", l40sClass, profile, published).Source);
        Assert.Equal(Efficiencies.Default, Forecaster.EfficienciesFor("int8", l40sClass, profile, published).Source);
        Assert.Equal(Efficiencies.Default, Forecaster.EfficienciesFor("fp16", Target with { Id = "other", GpuClass = "consumer-gddr" }, null, published).Source);
    }

    [Fact]
    public void A_calibration_whose_fit_misses_by_more_than_the_value_still_gives_a_positive_band()
    {
        var sample = ProfileJsonTests.Sample();
        var poorFit = sample.Variants[0] with { Fit = sample.Variants[0].Fit! with { MaxAbsRelativeResidual = 3 } };
        var profile = sample with { Variants = [poorFit] };
        var host = HostOf(profile);

        var memory = Forecaster.EfficienciesFor(poorFit.Precision, host, profile, []).Memory;

        Assert.Equal(memory.Central / 4, memory.Low, 12);
        Assert.Equal(memory.Central * 4, memory.High, 12);
    }

    [Theory]
    [InlineData("fp32", 0.4, "fp32's used")]
    [InlineData("fp16", 0.9, "its lower bound")] // fp16 on a CPU is widened at load: it reads more than its files, so it lends nothing
    public void A_memory_efficiency_a_variant_cannot_identify_is_taken_from_another_variant_of_the_same_host_that_reads_its_files(
        string lender, double expectedMemory, string expectedWords)
    {
        var sample = ProfileJsonTests.Sample();
        var int4 = sample.Variants[0];
        var fit = int4.Fit! with { MemoryEfficiency = FittedParameter.NotIdentified("weights in cache", lowerBound: 0.9) };
        var other = int4 with { Variant = lender, Precision = lender, Fit = int4.Fit! with { MemoryEfficiency = new FittedParameter(0.4, true) } };
        var profile = sample with { Variants = [int4 with { Fit = fit }, other] };

        var efficiencies = Forecaster.EfficienciesFor("int4", HostOf(profile), profile, []);

        Assert.Equal(Efficiencies.Calibration, efficiencies.Source);
        Assert.Equal(expectedMemory, efficiencies.Memory.Central);
        Assert.Contains(expectedWords, efficiencies.Detail);
    }

    [Fact]
    public void A_profile_with_a_joint_decode_fit_forecasts_decode_from_it_and_the_prefill_from_the_variants_own_fit()
    {
        var sample = ProfileJsonTests.Sample();
        var variant = sample.Variants[0];
        var joint = new HostDecodeFit(new FittedParameter(0.55, true), new FittedParameter(3e-4, true),
            new Dictionary<string, FittedParameter> { [ProfileBuilder.HostDecodeFitKey(variant)] = new(0.3, true) }, 0.1, 0.2, 12);
        var profile = sample with { DecodeFit = joint };
        var host = HostOf(profile);

        var efficiencies = Forecaster.EfficienciesFor(variant.Precision, host, profile, []);
        var row = Assert.Single(Forecaster.Forecast(new ForecastVariant("m", "v", variant.Precision, variant.Facts!), host, efficiencies, new ForecastPlan([1], [128], [64]), null));
        var withoutJoint = Forecaster.EfficienciesFor(variant.Precision, host, sample, []);
        var ownRow = Assert.Single(Forecaster.Forecast(new ForecastVariant("m", "v", variant.Precision, variant.Facts!), host, withoutJoint, new ForecastPlan([1], [128], [64]), null));

        Assert.Equal((0.55, 0.3, 3e-4), (efficiencies.Memory.Central, efficiencies.Compute.Central, efficiencies.FixedSecondsPerLayer));
        Assert.Equal(0.55 / 1.2, efficiencies.Memory.Low, 12); // the joint fit's largest residual, 20%
        Assert.Contains("joint fit", efficiencies.Detail);
        Assert.Equal(withoutJoint, efficiencies.Prefill);
        Assert.Equal(ownRow.TimeToFirstTokenMilliseconds, row.TimeToFirstTokenMilliseconds);
        Assert.NotEqual(ownRow.DecodeTokensPerSecond, row.DecodeTokensPerSecond);
    }

    [Fact]
    public void Every_catalog_gpu_a_forecast_can_name_has_a_bandwidth_and_a_memory_size_and_every_link_resolves()
    {
        var catalog = PricingCatalogLoader.Embedded;
        string[] rentals = ["a10g", "l4", "l40s", "a100-sxm4-40gb", "a100-sxm4-80gb", "h100-sxm5", "h100-pcie", "h200-sxm"];

        Assert.All(rentals, id => Assert.True(PricingCatalog.Find(catalog.Gpus, id, "--gpu").Specs?.MemoryBandwidthGBps > 0, id));
        Assert.All(catalog.Gpus.Where(gpu => gpu.Specs is not null), gpu => Assert.True(gpu.Specs!.MemoryGiB > 0, gpu.Id));
        Assert.All(catalog.GpuInstances.Where(instance => instance.Gpu is not null),
            instance => Assert.NotNull(PricingCatalog.Find(catalog.Gpus, instance.Gpu!.Id, instance.Id).Specs));
        Assert.All(catalog.PublishedThroughput, entry => Assert.NotNull(PricingCatalog.Find(catalog.Gpus, entry.Gpu, entry.Id).Specs));
    }

    /// <summary>The profile's own host as a forecast target, unpriced.</summary>
    private static ForecastTarget HostOf(EstimatorProfile profile) => new(ForecastTarget.HostId, profile.Host.Peaks, null, null, "host", null, "none");
}
