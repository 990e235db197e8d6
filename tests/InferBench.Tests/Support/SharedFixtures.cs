namespace InferBench.Tests.Support;

/// <summary>
/// The shared fixtures folder beside the checkout (../shared/fixtures). It is absent outside this workplace,
/// so tests that need it skip with a visible reason.
/// </summary>
public static class SharedFixtures
{
    public const string TinyGpt2Name = "tiny-random-gpt2-fp32";

    public static string? TinyGpt2Path { get; } = Find(Path.Combine("shared", "fixtures", "models", TinyGpt2Name));

    public static string RequireTinyGpt2()
    {
        Skip.If(TinyGpt2Path is null,
            $"shared fixture model {TinyGpt2Name} not found beside the checkout (../shared/fixtures/models): runner tests need a real GenAI model");
        return TinyGpt2Path!;
    }

    public const string TinyTrainedLlamaName = "tiny-trained-llama-hf";

    /// <summary>A small trained Llama in Hugging Face checkpoint form, with PyTorch reference logits (its README.md).</summary>
    public static string? TinyTrainedLlamaPath { get; } = Find(Path.Combine("shared", "fixtures", "models", TinyTrainedLlamaName));

    public static string RequireTinyTrainedLlama()
    {
        Skip.If(TinyTrainedLlamaPath is null,
            $"shared fixture checkpoint {TinyTrainedLlamaName} not found beside the checkout (../shared/fixtures/models): import is checked against its PyTorch reference");
        return TinyTrainedLlamaPath!;
    }

    public const string EngineSyntheticPagedName = "engine-synthetic-paged";

    /// <summary>GenAI's EP-agnostic paged test model (test/models/engine/synthetic-paged): it runs the Engine's dynamic path on the CPU.</summary>
    public static string? EngineSyntheticPagedPath { get; } = Find(Path.Combine("shared", "fixtures", "models", EngineSyntheticPagedName));

    public static string RequireEngineSyntheticPaged()
    {
        Skip.If(EngineSyntheticPagedPath is null,
            $"shared fixture model {EngineSyntheticPagedName} not found beside the checkout (../shared/fixtures/models): the Engine's dynamic batching needs a paged model");
        return EngineSyntheticPagedPath!;
    }

    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
