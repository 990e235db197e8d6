using InferBench.Engines;
using InferBench.Engines.GenAiServing;
using InferBench.Results;
using InferBench.Tests.Support;
using Xunit.Abstractions;

namespace InferBench.Tests.Engines.GenAiServing;

public sealed class GenAiServingEngineTests(TinySyntheticModel tiny, ITestOutputHelper output) : IClassFixture<TinySyntheticModel>
{
    private static readonly int[] Prompt = [5, 17, 42, 99, 7, 3, 250, 11];

    private static IServingModel Load(string folder, ServingEngineSettings? settings = null) =>
        new GenAiServingEngine().Load(folder, ExecutionProvider.Cpu, intraOpThreads: 1, providerOptions: null, settings ?? ServingEngineSettings.Default);

    [Fact]
    public void Explore()
    {
        using var model = Load(tiny.Fp32);
        output.WriteLine(string.Join("\n", model.Capabilities.Notes));
        output.WriteLine(model.Capabilities.ToString());
        model.Submit(1, Prompt, 6);
        var sink = new RecordingServingSink();
        var steps = sink.Drain(model);
        output.WriteLine($"steps {steps} tokens {string.Join(",", sink.Tokens[1])} finished {sink.Finished[1]}");
        model.Release(1);

        var paged = SharedFixtures.RequireEngineSyntheticPaged();
        using var pm = Load(paged);
        output.WriteLine(string.Join("\n", pm.Capabilities.Notes));
        output.WriteLine(pm.Capabilities.ToString());
        int[] p = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
        pm.Submit(1, p, 4);
        var s2 = new RecordingServingSink();
        s2.Drain(pm);
        pm.Release(1);
        pm.Submit(2, p, 4);
        s2.Drain(pm);
        output.WriteLine($"first {s2.Finished[1]} second {s2.Finished[2]} rows {string.Join(",", s2.RowsPerStep)}");
    }
}
