using InferBench.Fetch;
using InferBench.Tests.Support;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Tests.Fetch;

/// <summary>A real GenAI model folder, served by the loopback hub and fetched, must load in ONNX Runtime GenAI.</summary>
public sealed class FetchedFixtureModelTests
{
    [SkippableFact]
    public async Task The_fetched_copy_of_the_shared_tiny_model_loads_and_generates()
    {
        var fixture = SharedFixtures.RequireTinyGpt2();
        var files = Directory.GetFiles(fixture).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);
        using var hub = new FakeHub(files);
        using var temp = new TempFolder();
        using var fetcher = new VariantFetcher(new FetchCache(temp.Combine("cache")), hub.Settings(), FetchOptions.Default);

        var folder = await fetcher.FetchAsync("tiny-random-gpt2", hub.Variant(), new RecordingFetchProgress(), CancellationToken.None);

        using var model = new Model(folder);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", 8);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens([1, 2, 3]);
        generator.GenerateNextToken();
        Assert.Equal(4, generator.GetSequence(0).Length);
    }
}
