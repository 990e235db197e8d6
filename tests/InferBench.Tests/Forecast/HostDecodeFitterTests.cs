using InferBench.Forecast;

namespace InferBench.Tests.Forecast;

/// <summary>The joint decode fit: variants of one model that read different bytes through the same layers identify the host's η_mem and t₀.</summary>
public sealed class HostDecodeFitterTests
{
    private const double Bandwidth = 20e9;
    private const double Peak = 100e9;
    private const double Memory = 0.55;
    private const double FixedPerLayer = 3e-4;

    /// <summary>Decode steps at batch 1 and 4 of a variant reading <paramref name="weightBytes"/>, made by the model with these parameters.</summary>
    private static HostDecodeFitter.VariantSteps Variant(string id, double weightBytes, double compute) =>
        new(id, [.. new[] { 1, 4 }.Select(batch => new StepObservation(StepObservation.Decode, batch, 128, 64, 160, weightBytes, batch * 80e6, 8,
            RooflineFit.StepSeconds(weightBytes, batch * 80e6, 8, Bandwidth, Peak, Memory, compute, FixedPerLayer)))], Peak);

    [Fact]
    public void Three_variants_of_one_model_identify_the_shared_memory_efficiency_and_fixed_time_and_each_compute_efficiency()
    {
        var fit = HostDecodeFitter.Fit([Variant("m/fp32", 156e6, 0.1), Variant("m/int8", 44e6, 0.2), Variant("m/int4", 25e6, 0.3)], Bandwidth);

        Assert.NotNull(fit);
        Assert.True(fit.MemoryEfficiency.Identified);
        Assert.Equal(Memory, fit.MemoryEfficiency.Value!.Value, 0.02);
        Assert.True(fit.FixedSecondsPerLayer.Identified);
        Assert.Equal(FixedPerLayer, fit.FixedSecondsPerLayer.Value!.Value, 2e-5);
        Assert.Equal(0.3, fit.ComputeEfficiencyByVariant["m/int4"].Value!.Value, 0.02);
        Assert.Equal(6, fit.PointsUsed);
        Assert.True(fit.MaxAbsRelativeResidual < 0.02, $"largest residual {fit.MaxAbsRelativeResidual}");
    }

    [Fact]
    public void A_variant_whose_steps_are_all_memory_bound_has_its_compute_efficiency_not_identified_with_a_lower_bound()
    {
        var fit = HostDecodeFitter.Fit([Variant("m/fp32", 156e6, 5), Variant("m/int4", 25e6, 0.3)], Bandwidth);

        var fp32 = fit!.ComputeEfficiencyByVariant["m/fp32"];
        Assert.False(fp32.Identified);
        Assert.Null(fp32.Value);
        Assert.True(fp32.LowerBound < 5, "the steps only show the efficiency is at least what a compute-bound step would need");
    }

    [Fact]
    public void One_variant_shares_nothing_and_gets_no_joint_fit()
    {
        Assert.Null(HostDecodeFitter.Fit([Variant("m/fp32", 156e6, 0.1), new HostDecodeFitter.VariantSteps("m/int4", [], Peak)], Bandwidth));
    }

    [Fact]
    public void A_fixed_time_the_steps_cannot_identify_is_held_at_zero_and_the_bounds_are_read_with_it_there()
    {
        // Two variants reading the same bytes, every step memory-bound: a fixed time trades off exactly against the memory
        // efficiency, so t0 is not identified and is held at 0; each compute efficiency is then bounded from below by its
        // steps with no fixed time taken off them.
        var fit = HostDecodeFitter.Fit([Variant("m/a", 100e6, 5), Variant("m/b", 100e6, 5)], Bandwidth)!;

        Assert.False(fit.FixedSecondsPerLayer.Identified);
        Assert.True(fit.MaxAbsRelativeResidual < 0.02, $"with t0 at 0 the memory efficiency alone explains the steps: largest residual {fit.MaxAbsRelativeResidual}");
        var stepAtBatchFour = RooflineFit.StepSeconds(100e6, 4 * 80e6, 8, Bandwidth, Peak, Memory, 5, FixedPerLayer);
        Assert.Equal(4 * 80e6 / Peak / stepAtBatchFour, fit.ComputeEfficiencyByVariant["m/a"].LowerBound!.Value, 9);
    }
}
