using InferBench.Cost.Model;
using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Cost.Runs;

/// <summary>How a serving point is priced: at its output tokens/s, split into input and output as price sheets are (docs/cost-model.md).</summary>
public static class ServingPricing
{
    /// <summary>
    /// The proportion a serving point's cost is split in when no API is named: output tokens priced at 4 times input
    /// tokens, as GPT-4o and GPT-4o mini list them and the median of the pricing catalog's APIs (1.5 to 5 times).
    /// </summary>
    public static ApiPrice ReferenceSheet { get; } = new(new UsdPerMillionTokens(1), new UsdPerMillionTokens(4));

    /// <summary>
    /// The J/output token a point's electricity is priced at: its steady-state figure (the offered load in force, warmup and
    /// drain left out), whatever its source (an estimate stays an estimate). A GPU point is priced only from GPU energy.
    /// </summary>
    public static JoulesPerToken? EnergyOf(ServingPointResult point) =>
        point.Energy is { SteadyStateJoulesPerOutputToken: { } joules } energy && double.IsFinite(joules)
        && (point.ExecutionProvider == JsonEnumName.Of(ExecutionProvider.Cpu) || EnergyHardware.Of(energy.Source) == ExecutionProvider.Cuda)
            ? new JoulesPerToken(joules)
            : null;

    /// <summary>The point's cost under <paramref name="model"/> (null: no price) and <paramref name="energy"/> (null: no energy assumptions), split in <paramref name="sheet"/>'s proportion.</summary>
    public static ServingPointCost For(ServingPointResult point, CostModel? model, EnergyAssumptions? energy, ApiPrice sheet)
    {
        var throughput = Throughput.Of(point);
        var hardware = throughput is null ? (UsdPerMillionTokens?)null
            : model?.Assumptions.Hardware.Hourly.PerMillionTokens(throughput.Decode, model.Assumptions.Utilization.Value);
        var split = hardware is { } perOutput && throughput?.ServedMix is { } mix ? sheet.Splitting(perOutput, mix) : null;
        var energyCost = EnergyOf(point) is { } joules ? energy?.CostOf(joules) : null;
        return new ServingPointCost(hardware, split, throughput?.ServedMix, energyCost, point.Energy?.Source);
    }
}
