using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Cost.Model;

/// <summary>Turns throughput (and energy, when measured) into money under one set of <see cref="CostAssumptions"/>.</summary>
public sealed class CostModel(CostAssumptions assumptions)
{
    public CostAssumptions Assumptions { get; } = assumptions;

    private HardwareCost Hardware => Assumptions.Hardware;
    private Utilization Utilization => Assumptions.Utilization.Value;

    public InferenceCost For(Throughput throughput, JoulesPerToken? energy)
    {
        var hardware = Hardware.Hourly.PerMillionTokens(throughput.Decode, Utilization);
        var energyCost = energy is { } joules ? Assumptions.Energy.CostOf(joules) : null;
        return new InferenceCost
        {
            Assumptions = Assumptions,
            Throughput = throughput,
            HardwarePerMillionGeneratedTokens = hardware,
            HardwarePerMillionPromptTokens = throughput.Prefill is { } prefill ? Hardware.Hourly.PerMillionTokens(prefill, Utilization) : null,
            Energy = energyCost,
            PerMillionGeneratedTokens = !Hardware.PaysElectricitySeparately ? hardware
                : energyCost is not null ? hardware + energyCost.Electricity
                : null,
        };
    }

    /// <summary>
    /// The cost of a measured row at its median decode and prefill tokens/s and its gross J/token (see
    /// <see cref="EnergyOf"/>); null for rows that were not measured.
    /// </summary>
    public InferenceCost? For(ScenarioResult scenario) =>
        Throughput.Of(scenario) is { } throughput ? For(throughput, EnergyOf(scenario)) : null;

    /// <summary>
    /// The J/token a row's electricity is priced at: its gross J/token (the generation window's energy, prefill and
    /// idle power included, / generated tokens), whatever its source (an estimate stays an estimate). A GPU row is
    /// priced only from GPU energy: CPU energy (which schemaVersion 1 runs fell back to) is not the row's energy.
    /// </summary>
    public static JoulesPerToken? EnergyOf(ScenarioResult scenario) =>
        scenario.Energy is { JoulesPerGeneratedToken: { } joules } energy
        && (scenario.ExecutionProvider == JsonEnumName.Of(ExecutionProvider.Cpu) || EnergyHardware.Of(energy.Source) == ExecutionProvider.Cuda)
            ? new JoulesPerToken(joules)
            : null;

    /// <summary>Null when the hardware is owned and <paramref name="energy"/> unknown: its cost per token would be incomplete.</summary>
    public BreakEven? BreakEvenAgainst(ApiComparison api, Throughput throughput, JoulesPerToken? energy)
    {
        if (Hardware.PaysElectricitySeparately && energy is null)
            return null;
        var variable = energy is { } joules && Hardware.PaysElectricitySeparately
            ? Assumptions.Energy.CostOf(joules).Electricity
            : new UsdPerMillionTokens(0);
        var fixedPerMonth = Hardware.FixedPerMonth;
        var paidSecondsPerMonth = Hardware.PaidHoursPerMonth * CostCalendar.SecondsPerHour;
        var fullCapacity = paidSecondsPerMonth / throughput.SecondsPerOutputToken(api.Mix.Value);
        var capacity = fullCapacity * Utilization.Value;
        var atCapacity = new UsdPerMillionTokens(fixedPerMonth.Value / capacity * UsdPerMillionTokens.TokensPerUnit) + variable;
        var apiPrice = api.PerMillionOutputTokens;

        var outcome = atCapacity.Value >= apiPrice.Value ? BreakEvenOutcome.ApiAlwaysCheaper
            : fixedPerMonth.Value == 0 ? BreakEvenOutcome.SelfHostingAlwaysCheaper
            : BreakEvenOutcome.AtVolume;
        double? volume = outcome switch
        {
            BreakEvenOutcome.AtVolume => fixedPerMonth.Value / (apiPrice.Value - variable.Value) * UsdPerMillionTokens.TokensPerUnit,
            BreakEvenOutcome.SelfHostingAlwaysCheaper => 0,
            _ => null,
        };
        return new BreakEven
        {
            Api = api,
            Outcome = outcome,
            OutputTokensPerMonth = volume,
            UtilizationAtBreakEven = outcome == BreakEvenOutcome.AtVolume ? volume / fullCapacity : null,
            SelfHostingFixedPerMonth = fixedPerMonth,
            SelfHostingVariablePerMillionOutputTokens = variable,
            SelfHostingPerMillionOutputTokensAtCapacity = atCapacity,
            CapacityOutputTokensPerMonth = capacity,
            CountsPromptProcessing = throughput.CountsPromptProcessing,
            ServedMix = throughput.ServedMix,
        };
    }

    /// <summary>The break-even of a measured row (see <see cref="For(ScenarioResult)"/>); null as there.</summary>
    public BreakEven? BreakEvenAgainst(ApiComparison api, ScenarioResult scenario) =>
        Throughput.Of(scenario) is { } throughput ? BreakEvenAgainst(api, throughput, EnergyOf(scenario)) : null;
}
