using InferBench.Cost.Model;
using InferBench.Cost.Runs;
using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Cost.Sheets;

/// <summary>Assembles what <c>inferbench cost</c> prints: the figure groups that apply, and the assumptions they rest on.</summary>
public static class CostSheets
{
    /// <summary>Figures from numbers given directly.</summary>
    /// <param name="model">The hardware's cost model; null when no price was given (then only energy is priced).</param>
    /// <param name="outputTokensPerMonth">A workload volume to compare both monthly bills at; null for none.</param>
    public static CostSheet FromNumbers(CostModel? model, EnergyAssumptions energy, Throughput? throughput, JoulesPerToken? energyPerToken,
        ApiComparison? api, double? outputTokensPerMonth)
    {
        var groups = new List<FigureGroup>();
        var assumptions = new List<AssumptionLine>();
        if (model is not null)
        {
            groups.Add(CostFigures.Hardware(model.Assumptions.Hardware));
            assumptions.AddRange(AssumptionLines.For(model.Assumptions.Hardware));
        }
        if (model is not null && throughput is not null)
        {
            var cost = model.For(throughput, energyPerToken);
            groups.Add(CostFigures.Tokens(cost));
            groups.Add(CostFigures.Energy(cost, "energy per token not given", "given", GivenMethod));
            assumptions.Add(AssumptionLines.For(model.Assumptions.Utilization));
            if (api is not null)
            {
                var breakEven = model.BreakEvenAgainst(api, throughput, energyPerToken);
                groups.AddRange(BreakEvenGroups(api, breakEven, outputTokensPerMonth));
                assumptions.AddRange(AssumptionLines.For(api));
            }
        }
        else if (energyPerToken is { } joules)
        {
            groups.Add(CostFigures.Energy(energy.CostOf(joules), model?.Assumptions.Hardware, "given", GivenMethod));
        }
        if (energyPerToken is not null)
            assumptions.AddRange(AssumptionLines.For(energy));
        return new CostSheet(groups, [], assumptions);
    }

    private static readonly string GivenMethod = $"the number given with {CommandOptions.JoulesPerToken}";

    /// <summary>
    /// A row's energy figures, led by where its joules come from (and how, as the run recorded it), so an estimate never
    /// reads as a measurement, and saying which of its J/token figures they price (<see cref="CostModel.EnergyOf"/>).
    /// </summary>
    private static FigureGroup EnergyOf(ScenarioResult scenario, InferenceCost cost, PowerSetup? power)
    {
        var energy = scenario.Energy;
        var unavailable = energy is { JoulesPerGeneratedToken: not null }
            ? $"this {scenario.ExecutionProvider} row's energy is {energy.Source}, the CPU's, not its GPU's, so it is not priced"
            : energy?.Reason ?? $"this row has no energy figure (run with {CommandOptions.Power} other than none)";
        if (cost.Energy is null || energy is null)
            return CostFigures.Energy(cost, unavailable, "unavailable", method: null);
        var group = CostFigures.Energy(cost, unavailable, energy.Source, power?.Source == energy.Source ? power.Method : null);
        return group with { Note = string.Join(" ", new[] { GrossEnergyNote, group.Note }.OfType<string>()) };
    }

    private const string GrossEnergyNote =
        "From the row's gross J/token: its generation window's energy / generated tokens, prefill included; a measured " +
        "source's includes the device's idle power, the CPU-TDP estimate's only this process's own CPU time.";

    /// <summary>Figures for every measured row of <paramref name="run"/>, from its median tokens/s.</summary>
    /// <param name="api">The API to compare with; a serving point is compared at its own mix unless one was given, a static row only at a given one.</param>
    public static CostSheet FromRun(RunResult run, CostModel model, RunApiComparison? api)
    {
        var rows = new List<CostRow>();
        foreach (var scenario in run.Results)
        {
            if (model.For(scenario) is not { } cost)
                continue;
            List<FigureGroup> groups = [CostFigures.Tokens(cost), EnergyOf(scenario, cost, run.Power)];
            if (api?.ForRow() is { } rowApi)
                groups.AddRange(BreakEvenGroups(rowApi, model.BreakEvenAgainst(rowApi, scenario), outputTokensPerMonth: null));
            else if (api is not null)
                groups.Add(CostFigures.BreakEvenUnavailable(api.Name,
                    $"a static row's token mix is not measured: give {CommandOptions.InputOutputRatio} to compare it with the API"));
            rows.Add(new CostRow(scenario.Model, scenario.Variant, scenario.BatchSize, scenario.PromptTokens, scenario.GenTokens, groups));
        }
        var unpriced = run.Results.Count - rows.Count;
        var staticRows = rows.Count;
        foreach (var point in run.Serving ?? [])
        {
            if (Throughput.Of(point) is not { ServedMix: { } mix } throughput)
                continue;
            var cost = model.For(throughput, ServingPricing.EnergyOf(point));
            var sheet = api?.Price.Value ?? ServingPricing.ReferenceSheet;
            List<FigureGroup> groups =
            [
                CostFigures.Serving(cost, sheet.Splitting(cost.HardwarePerMillionGeneratedTokens, mix), mix, api?.Name ?? ReferenceSheetName),
                ServingEnergyOf(point, cost, run.Power),
            ];
            if (api?.ForPoint(mix) is { } pointApi)
                groups.AddRange(BreakEvenGroups(pointApi, model.BreakEvenAgainst(pointApi, throughput, ServingPricing.EnergyOf(point)), outputTokensPerMonth: null));
            rows.Add(new CostRow(point.Model, point.Variant, null, null, null, groups, point.Load));
        }
        var unpricedPoints = (run.Serving?.Count ?? 0) - (rows.Count - staticRows);
        List<Figure> counts =
        [
            Figure.Number("pricedRows", "measured rows priced", staticRows, ReadableNumber.Integer(staticRows)),
            Figure.Number("unpricedRows", "rows without measurements", unpriced, ReadableNumber.Integer(unpriced)),
        ];
        if (run.Serving is not null)
        {
            counts.Add(Figure.Number("pricedServingPoints", "serving points priced", rows.Count - staticRows, ReadableNumber.Integer(rows.Count - staticRows)));
            counts.Add(Figure.Number("unpricedServingPoints", "serving points without measurements", unpricedPoints, ReadableNumber.Integer(unpricedPoints)));
        }
        FigureGroup summary = new("run", $"Run {run.RunId}", counts, "Rows that failed, were skipped or are unsupported have no throughput to price.");
        List<AssumptionLine> assumptions = [.. AssumptionLines.For(model.Assumptions.Hardware), AssumptionLines.For(model.Assumptions.Utilization)];
        if (api is not null)
            assumptions.AddRange(AssumptionLines.For(api.Price));
        if (api?.GivenMix is { } givenMix)
            assumptions.Add(AssumptionLines.For(givenMix));
        return new CostSheet([summary, CostFigures.Hardware(model.Assumptions.Hardware)], rows, assumptions);
    }

    /// <summary>How the split is named when no API is compared: <see cref="ServingPricing.ReferenceSheet"/>.</summary>
    private const string ReferenceSheetName = "a price sheet charging output 4 times input (GPT-4o's proportion)";

    /// <summary>A serving point's energy figures, from its steady-state J/output token, led by their source.</summary>
    private static FigureGroup ServingEnergyOf(ServingPointResult point, InferenceCost cost, PowerSetup? power)
    {
        var energy = point.Energy;
        if (cost.Energy is null || energy is null)
        {
            var reason = energy is { SteadyStateJoulesPerOutputToken: not null }
                ? $"this {point.ExecutionProvider} point's energy is {energy.Source}, the CPU's, not its GPU's, so it is not priced"
                : energy?.Reason ?? "this point has no steady-state energy figure";
            return CostFigures.Energy(cost, reason, "unavailable", method: null);
        }
        var group = CostFigures.Energy(cost.Energy, cost.Assumptions.Hardware, energy.Source, power?.Source == energy.Source ? power.Method : null);
        return group with { Note = string.Join(" ", new[] { SteadyStateEnergyNote, group.Note }.OfType<string>()) };
    }

    private const string SteadyStateEnergyNote =
        "From the serving point's steady-state J/output token: the energy while the offered load was in force (warmup and drain left out) / the output tokens then.";

    private static IEnumerable<FigureGroup> BreakEvenGroups(ApiComparison api, BreakEven? breakEven, double? outputTokensPerMonth)
    {
        if (breakEven is null)
        {
            yield return CostFigures.BreakEvenUnavailable(api.Name, "owned hardware's electricity per token is unknown");
            yield break;
        }
        yield return CostFigures.BreakEven(breakEven);
        if (outputTokensPerMonth is { } volume)
            yield return CostFigures.Bills(breakEven.BillsAt(volume));
    }
}
