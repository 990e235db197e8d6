using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry;

namespace InferBench.Serving;

/// <summary>
/// Everything one serving run (<c>serve</c>) is set to do besides its targets, checked once: made only by
/// <c>Configuration.ServingConfigurationFactory.Create</c>, and the only settings a <see cref="ServingSession"/> reads.
/// </summary>
/// <param name="Plan">What is run, recorded in run.json: <see cref="RunPlanRecord.Serving"/> holds the load plan; the prompt and
/// generation lengths are the load plan's shortest and longest (a lengths file's included); where they are fixed, the batch list
/// is [1]: the static baseline, the same request alone on the static-batch engine (<see cref="InferenceEngines.Default"/>).</param>
/// <param name="Engine">The serving engine that loads the targets and serves their requests.</param>
/// <param name="Power">How energy is measured.</param>
/// <param name="Cost">What the cost figures assume (price, utilisation, energy), recorded in run.json.</param>
/// <param name="Output">Where the run folder goes and what run.json records about how the run was asked for.</param>
/// <param name="Host">The machine the configuration was checked for, recorded in run.json.</param>
/// <param name="FileLengths">The lengths file's pairs, read once when the configuration was checked (the file's hash is in
/// the plan); null without a lengths file.</param>
public sealed record ServingConfiguration(
    RunPlanRecord Plan,
    IServingEngine Engine,
    RunPowerSettings Power,
    CostSetup Cost,
    RunOutputSettings Output,
    HostFacts Host,
    IReadOnlyList<RequestLength>? FileLengths)
{
    /// <summary>The load plan (<see cref="RunPlanRecord.Serving"/>, never null here).</summary>
    public ServingPlanRecord Serving => Plan.Serving!;
}
