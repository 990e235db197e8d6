using InferBench.Engines;
using InferBench.Results;
using InferBench.Telemetry;

namespace InferBench.Runner;

/// <summary>
/// Everything one run is set to do besides its targets, checked once: made only by the configuration factory
/// (<c>Configuration.RunConfigurationFactory.Create</c>) for <c>run</c> and <c>campaign run</c> alike, and the only
/// settings a <see cref="BenchmarkSession"/> reads.
/// </summary>
/// <param name="Plan">What is swept, recorded in run.json.</param>
/// <param name="Engine">What loads the targets and generates, for the sweep and the quality pass alike (not yet recorded in run.json).</param>
/// <param name="Power">How energy is measured.</param>
/// <param name="Cost">What the cost figures assume (price, utilisation, energy), recorded in run.json.</param>
/// <param name="Quality">Whether and on what text each model's quality is measured after the sweep.</param>
/// <param name="Output">Where the run folder goes and what run.json records about how the run was asked for.</param>
/// <param name="Host">The machine the configuration was checked for, recorded in run.json.</param>
public sealed record RunConfiguration(
    RunPlanRecord Plan,
    IInferenceEngine Engine,
    RunPowerSettings Power,
    CostSetup Cost,
    RunQualitySettings Quality,
    RunOutputSettings Output,
    HostFacts Host);
