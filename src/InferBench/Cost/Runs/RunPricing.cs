using InferBench.Cost.Model;
using InferBench.Cost.Sheets;
using InferBench.Results;

namespace InferBench.Cost.Runs;

/// <summary>
/// Prices a run's rows at export time from the assumptions its run.json records (<see cref="RunResult.Cost"/>); nothing
/// priced is stored in the rows, so editing those assumptions re-prices every report. Formulas: docs/cost-model.md.
/// </summary>
public sealed class RunPricing
{
    private readonly CostModel? _model;
    private readonly EnergyAssumptions? _energy;

    public RunPricing(CostSetup? setup)
    {
        _model = setup is null ? null : RunCostSetup.Model(setup);
        _energy = setup is null ? null : RunCostSetup.Energy(setup);
        Assumptions = AssumptionsOf(_model, _energy);
    }

    /// <summary>True when the run was given a hardware price, so rows have $ per 1M tokens.</summary>
    public bool HasPrice => _model is not null;

    /// <summary>The price and utilisation (when priced), then electricity, PUE and grid carbon, each with its source.</summary>
    public IReadOnlyList<AssumptionLine> Assumptions { get; }

    public RowCost For(ScenarioResult row)
    {
        var cost = _model?.For(row);
        var energy = CostModel.EnergyOf(row) is { } joules ? _energy?.CostOf(joules) : null;
        return new RowCost(cost?.HardwarePerMillionGeneratedTokens, cost?.HardwarePerMillionPromptTokens, energy, row.Energy?.Source);
    }

    /// <summary>A serving point's cost, split as <see cref="ServingPricing.ReferenceSheet"/> lists input and output.</summary>
    public ServingPointCost For(ServingPointResult point) => ServingPricing.For(point, _model, _energy, ServingPricing.ReferenceSheet);

    private static IReadOnlyList<AssumptionLine> AssumptionsOf(CostModel? model, EnergyAssumptions? energy)
    {
        // Paid hours per month only matter for monthly bills, which reports do not show.
        var hardware = model is null
            ? []
            : AssumptionLines.For(model.Assumptions.Hardware).Where(line => line.Key == "hardwareUsdPerHour")
                .Append(AssumptionLines.For(model.Assumptions.Utilization));
        return [.. hardware, .. energy is null ? [] : AssumptionLines.For(energy)];
    }
}
