using InferBench.Cost.Catalog;
using InferBench.Cost.Citations;
using InferBench.Cost.Runs;
using InferBench.Cost.Units;
using InferBench.Engines;
using InferBench.Fidelity;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Configuration;

/// <summary>The one place a <see cref="RunConfiguration"/> is made: every input checked once, named by its field.</summary>
public static class RunConfigurationFactory
{
    /// <summary>
    /// Checks <paramref name="given"/> for <paramref name="host"/>, prices it from the embedded pricing catalog, and reads
    /// the plan's quality text, so a bad input is refused before the run folder exists.
    /// </summary>
    /// <exception cref="InputFieldException">The engine is not one this build has (<see cref="InferenceEngines.All"/>), the plan is
    /// out of range (see <see cref="RunPlanPoints.Validate"/>), the power source cannot measure the plan's execution provider, the idle seconds
    /// are out of <see cref="PowerInputs.IdleSeconds"/>, two prices or an unknown GPU instance are given, or the quality text
    /// file cannot be read as UTF-8 text; it names the fields.</exception>
    public static RunConfiguration Create(RunInputs given, HostFacts host)
    {
        var engine = Engine(given.Engine);
        RunPlanPoints.Validate(given.Plan, Environment.ProcessorCount);
        var power = Power(given);
        var cost = Cost(given);
        var qualityText = given.Plan.QualityText is { } path ? EvaluationTexts.FromFile(path, nameof(RunPlanRecord.QualityText)) : null;
        return new RunConfiguration(given.Plan, engine, power, cost, new RunQualitySettings(given.Fidelity, qualityText, given.TextCache),
            Output(given), host);
    }

    /// <summary>How the run measures energy, checked against the plan's execution provider; a serving run's too.</summary>
    /// <exception cref="InputFieldException">The power source cannot measure the plan's execution provider, or the idle seconds are out of range.</exception>
    internal static RunPowerSettings Power(RunInputs given)
    {
        if (PowerSources.ProblemFor(given.Power, given.Plan.ExecutionProvider) is { } powerProblem)
            throw new InputFieldException([nameof(RunInputs.Power)], powerProblem, JsonEnumName.Of(given.Power));
        return new RunPowerSettings(given.Power, given.Cpu, PowerInputs.IdleDuration(given.IdleSeconds));
    }

    /// <summary>What the run's cost figures assume, priced from the embedded pricing catalog; a serving run's too.</summary>
    /// <exception cref="InputFieldException">Two prices, or an unknown GPU instance, are given.</exception>
    internal static CostSetup Cost(RunInputs given)
    {
        var catalog = PricingCatalogLoader.Embedded;
        return RunCostSetup.Record(Price(given, catalog), given.Utilization, catalog.DefaultEnergy);
    }

    internal static RunOutputSettings Output(RunInputs given) => new(given.ResultsFolder, given.StartedUtc, given.CommandLine, given.Shard);

    /// <summary>The engine of that name in <see cref="InferenceEngines.All"/>.</summary>
    private static IInferenceEngine Engine(string name) => EngineNamed(InferenceEngines.All, engine => engine.Name, name, "engine");

    /// <summary>The engine of that name among <paramref name="engines"/>, a run's or a serving run's.</summary>
    /// <param name="kind">What the engines are, for the message ("engine", "serving engine").</param>
    /// <exception cref="InputFieldException">No engine has that name; it names <see cref="RunInputs.Engine"/> and the known ones.</exception>
    internal static T EngineNamed<T>(IReadOnlyList<T> engines, Func<T, string> nameOf, string name, string kind) where T : class =>
        engines.FirstOrDefault(engine => nameOf(engine) == name)
        ?? throw new InputFieldException([nameof(RunInputs.Engine)],
            $"no {kind} \"{name}\" in this build (known: {string.Join(", ", engines.Select(nameOf))})");

    private static Cited<UsdPerHour>? Price(RunInputs given, PricingCatalog catalog)
    {
        if (given is { PricePerHour: not null, Instance: not null })
            throw new InputFieldException([nameof(RunInputs.PricePerHour), nameof(RunInputs.Instance)], "give one price");
        if (given.Instance is not { } id)
            return given.PricePerHour;
        return PricingCatalog.Find(catalog.GpuInstances, id, nameof(RunInputs.Instance)).CitedPrice;
    }
}
