using InferBench.Results;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Runner;

/// <summary>Opens a GenAI model folder on the requested execution provider, with the run's thread setting.</summary>
public static class GenAiModelLoader
{
    public static Model Load(string folderPath, string executionProvider, int? intraOpThreads, IReadOnlyList<ProviderOption>? providerOptions = null)
    {
        using var config = new Config(folderPath);
        config.ClearProviders();
        if (executionProvider != "cpu")
        {
            config.AppendProvider(executionProvider);
            foreach (var option in providerOptions ?? [])
                config.SetProviderOption(executionProvider, option.Key, option.Value);
        }
        if (intraOpThreads is { } threads)
            config.Overlay(ThreadsOverlay(threads));
        return new Model(config);
    }

    private static string ThreadsOverlay(int threads) => new JsonObject
    {
        ["model"] = new JsonObject
        {
            ["decoder"] = new JsonObject
            {
                ["session_options"] = new JsonObject { ["intra_op_num_threads"] = threads },
            },
        },
    }.ToJsonString();
}
