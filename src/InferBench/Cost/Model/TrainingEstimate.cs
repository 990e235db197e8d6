using InferBench.Cost.Catalog;
using InferBench.Cost.Citations;
using InferBench.Cost.Sheets;
using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>
/// A training run's compute and price: 6 x parameters x tokens FLOPs (forward and backward pass) at a sustained
/// throughput per GPU, paid per GPU-hour. GPUs are assumed to scale perfectly: more GPUs shorten the wall clock only.
/// </summary>
public sealed record TrainingEstimate
{
    public const double FlopsPerParameterPerToken = 6;
    private const double FlopsPerTeraflop = 1e12;

    public required Cited<double> Parameters { get; init; }
    public required Cited<double> Tokens { get; init; }
    /// <summary>What one GPU really sustains, in TFLOPS: far below its datasheet peak.</summary>
    public required Cited<double> SustainedTflopsPerGpu { get; init; }
    public required Cited<UsdPerHour> PricePerGpuHour { get; init; }
    public required Cited<int> Gpus { get; init; }

    public double TotalFlops => FlopsPerParameterPerToken * Parameters.Value * Tokens.Value;
    public double GpuHours => TotalFlops / (SustainedTflopsPerGpu.Value * FlopsPerTeraflop) / CostCalendar.SecondsPerHour;
    public double GpuYears => GpuHours / CostCalendar.HoursPerYear;
    public double WallClockDays => GpuHours / Gpus.Value / CostCalendar.HoursPerDay;
    public Usd Cost => PricePerGpuHour.Value.Over(GpuHours);

    /// <summary>A GPU's catalog peak times the share of it a training run sustains (model FLOPs utilisation).</summary>
    public static Cited<double> Sustained(GpuEntry gpu, Cited<Utilization> utilization) => new(
        gpu.PeakDenseTflops * utilization.Value.Value,
        gpu.Citation with
        {
            Source = $"{CostFormat.Percent(utilization.Value.Value)} ({utilization.Citation}) of {CostFormat.AsGiven(gpu.PeakDenseTflops)} TFLOPS peak: {gpu.Citation.Source}",
        });
}
