using InferBench.Models;
using InferBench.Results;
using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Engines.GenAi;

/// <summary>Opens a GenAI model folder on the requested execution provider, with the run's thread setting.</summary>
public static class GenAiModelLoader
{
    /// <summary>
    /// ONNX Runtime's fatal level: its error lines (ANSI-coloured, straight to stderr) would cut into progress output,
    /// and every error it logs also comes back as the exception a row's reason is made from.
    /// </summary>
    public const int OnnxRuntimeLogSeverity = 4;

    /// <param name="executionProvider">The CPU or CUDA (not <see cref="ExecutionProvider.Auto"/>, which is resolved before loading).</param>
    public static Model Load(string folderPath, ExecutionProvider executionProvider, int? intraOpThreads, IReadOnlyList<ProviderOption>? providerOptions = null)
    {
        using var config = new Config(ByteOrderMarkFreeFolder.For(folderPath));
        config.ClearProviders();
        if (executionProvider != ExecutionProvider.Cpu)
        {
            var provider = JsonEnumName.Of(executionProvider);
            config.AppendProvider(provider);
            foreach (var option in providerOptions ?? [])
                config.SetProviderOption(provider, option.Key, option.Value);
        }
        config.Overlay(SessionOptionsOverlay(intraOpThreads));
        return new Model(config);
    }

    /// <summary>
    /// The decoder's session options every GenAI model InferBench opens gets (<see cref="OnnxRuntimeLogSeverity"/>, the
    /// run's intra-op threads), as JSON for GenAI's config overlay.
    /// </summary>
    public static string SessionOptionsOverlay(int? intraOpThreads)
    {
        var sessionOptions = new JsonObject { ["log_severity_level"] = OnnxRuntimeLogSeverity };
        if (intraOpThreads is { } threads)
            sessionOptions["intra_op_num_threads"] = threads;
        return new JsonObject
        {
            ["model"] = new JsonObject { ["decoder"] = new JsonObject { ["session_options"] = sessionOptions } },
        }.ToJsonString();
    }
}
