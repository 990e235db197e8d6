using InferBench.Configuration;
using InferBench.Cost.Citations;
using InferBench.Cost.Units;
using InferBench.Engines;
using InferBench.Results;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Tests.Configuration;

public sealed class RunConfigurationFactoryTests
{
    private static readonly HostFacts Host = HostFactsProbe.Read();

    private static RunInputs Inputs() => new(
        new RunPlanRecord([8], [4], [1], 0, 2, IntraOpThreads: 1, Seed: 7, ExecutionProvider.Cpu, PromptText: null),
        new Cited<Utilization>(Utilization.Full, Citation.Default("test")), "results", DateTimeOffset.UtcNow, "test")
    {
        Power = PowerSourceChoice.None,
        IdleSeconds = 0,
    };

    [Fact]
    public void A_run_uses_the_default_engine_unless_it_names_another()
    {
        Assert.Same(InferenceEngines.Default, RunConfigurationFactory.Create(Inputs(), Host).Engine);
    }

    [Fact]
    public void Every_registered_engine_is_chosen_by_its_name()
    {
        Assert.All(InferenceEngines.All, engine =>
            Assert.Same(engine, RunConfigurationFactory.Create(Inputs() with { Engine = engine.Name }, Host).Engine));
    }

    [Fact]
    public void An_engine_this_build_lacks_is_refused_naming_the_field_and_the_engines_it_has()
    {
        var refused = Assert.Throws<InputFieldException>(() => RunConfigurationFactory.Create(Inputs() with { Engine = "vllm" }, Host));

        Assert.Equal([nameof(RunInputs.Engine)], refused.Fields);
        Assert.Equal($"no engine \"vllm\" in this build (known: {string.Join(", ", InferenceEngines.All.Select(engine => engine.Name))})", refused.Problem);
    }
}
