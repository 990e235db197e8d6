using InferBench.Forecast;

namespace InferBench.Tests.Forecast;

public sealed class RooflineFitterTests
{
    private const double Bandwidth = 20e9;
    private const double Peak = 100e9;

    private static StepObservation Step(string phase, double bytes, double flops, double memory, double compute, double fixedPerLayer, int layers = 8) =>
        new(phase, 1, 128, 64, 160, bytes, flops, layers,
            RooflineFit.StepSeconds(bytes, flops, layers, Bandwidth, Peak, memory, compute, fixedPerLayer));

    [Fact]
    public void Recovers_the_parameters_that_made_the_points()
    {
        // Decode steps of three model sizes (memory-bound) and prefills of three prompt lengths (compute-bound).
        StepObservation[] points =
        [
            Step("decode", 100e6, 0.2e9, 0.6, 0.4, 2e-4),
            Step("decode", 200e6, 0.4e9, 0.6, 0.4, 2e-4),
            Step("decode", 400e6, 0.8e9, 0.6, 0.4, 2e-4),
            Step("prefill", 100e6, 20e9, 0.6, 0.4, 2e-4),
            Step("prefill", 100e6, 60e9, 0.6, 0.4, 2e-4),
            Step("prefill", 100e6, 120e9, 0.6, 0.4, 2e-4),
        ];

        var (fit, predicted) = RooflineFitter.Fit(points, Bandwidth, Peak);

        Assert.True(fit.MemoryEfficiency.Identified);
        Assert.True(fit.ComputeEfficiency.Identified);
        Assert.True(fit.FixedSecondsPerLayer.Identified);
        Assert.Equal(0.6, fit.MemoryEfficiency.Value!.Value, 0.02);
        Assert.Equal(0.4, fit.ComputeEfficiency.Value!.Value, 0.02);
        Assert.Equal(2e-4, fit.FixedSecondsPerLayer.Value!.Value, 2e-5);
        Assert.True(fit.MaxAbsRelativeResidual < 0.02, $"largest residual {fit.MaxAbsRelativeResidual}");
        Assert.Equal(points.Length, predicted.Length);
    }

    [Fact]
    public void Memory_bound_points_leave_the_compute_efficiency_not_identified_with_a_lower_bound()
    {
        StepObservation[] points =
        [
            // One size of weights, two batch sizes: both memory-bound at these efficiencies.
            Step("decode", 100e6, 0.2e9, 0.5, 1.0, 0),
            Step("decode", 100e6, 0.8e9, 0.5, 1.0, 0),
        ];

        var (fit, _) = RooflineFitter.Fit(points, Bandwidth, Peak);

        Assert.True(fit.MemoryEfficiency.Identified);
        Assert.Equal(0.5, fit.MemoryEfficiency.Value!.Value, 0.02);
        Assert.False(fit.ComputeEfficiency.Identified);
        Assert.Null(fit.ComputeEfficiency.Value);
        Assert.NotNull(fit.ComputeEfficiency.LowerBound);
        Assert.True(fit.ComputeEfficiency.LowerBound < 1.0, "the bound is below the true value, since every point is memory-bound");
        // Points of one size cannot tell a fixed time from a lower efficiency.
        Assert.False(fit.FixedSecondsPerLayer.Identified);
        Assert.Null(fit.FixedSecondsPerLayer.Value);
    }
}
