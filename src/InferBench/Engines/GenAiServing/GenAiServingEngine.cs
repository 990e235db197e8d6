using InferBench.Engines.GenAi;
using InferBench.Models;
using InferBench.Results;

namespace InferBench.Engines.GenAiServing;

/// <summary>
/// ONNX Runtime GenAI's Engine through InferBench's own binding (<see cref="GenAiEngineApi"/>): requests join and leave the
/// running batch, continuously with a paged KV cache where the model is paged, else in static batches of at most 4.
/// </summary>
public sealed class GenAiServingEngine : IServingEngine
{
    /// <summary>
    /// The most requests GenAI's static scheduler puts in one batch, whatever engine.static_batching.max_batch_size says:
    /// StaticBatchScheduler::Schedule's constexpr static_batch_size.
    /// </summary>
    public const int StaticSchedulerMaxBatchSize = 4;

    public string Name => "genai-engine";

    public string Description =>
        "ONNX Runtime GenAI's Engine, greedy: continuous batching where the model is paged, else static batches of at most 4 requests";

    public IServingModel Load(
        string folderPath,
        ExecutionProvider executionProvider,
        int? intraOpThreads,
        IReadOnlyList<ProviderOption>? providerOptions,
        ServingEngineSettings settings)
    {
        var api = GenAiEngineApi.Shared;
        var config = GenAiEngineConfig.For(folderPath, settings);
        using var configHandle = api.CreateConfig(StandIn(folderPath, config));
        api.ConfigClearProviders(configHandle);
        if (executionProvider != ExecutionProvider.Cpu)
        {
            var provider = JsonEnumName.Of(executionProvider);
            api.ConfigAppendProvider(configHandle, provider);
            foreach (var option in providerOptions ?? [])
                api.ConfigSetProviderOption(configHandle, provider, option.Key, option.Value);
        }
        api.ConfigOverlay(configHandle, GenAiModelLoader.SessionOptionsOverlay(intraOpThreads));

        OgaHandle engine;
        using (var model = api.CreateModel(configHandle))
            engine = CreateEngine(api, model);
        try
        {
            return new GenAiServingModel(api, engine, Capabilities(api, engine, config));
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    private static string StandIn(string folderPath, GenAiEngineConfig config)
    {
        try
        {
            return ConfigStandInFolder.For(folderPath, config.Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineException(EngineFailure.Failed, $"could not write the engine configuration's stand-in for {folderPath}: {e.Message}", e);
        }
    }

    /// <summary>The Engine refuses some models outright (such as gpt2: "Expected a decoder-only model"): unsupported, in GenAI's words.</summary>
    private static OgaHandle CreateEngine(GenAiEngineApi api, OgaHandle model)
    {
        try
        {
            return api.CreateEngine(model);
        }
        catch (EngineException e) when (e.Failure == EngineFailure.Failed)
        {
            throw new EngineException(EngineFailure.Unsupported, e.Message, e)
            {
                Reason = $"ONNX Runtime GenAI's Engine cannot serve this model: {FailureReasons.FirstLine(e.Message)}",
            };
        }
    }

    private ServingCapabilities Capabilities(GenAiEngineApi api, OgaHandle engine, GenAiEngineConfig config)
    {
        using var capabilities = api.EngineCapabilities(engine);
        var configured = (int)api.CapabilitiesConfiguredMaxBatchSize(capabilities);
        var scheduledTokens = api.CapabilitiesMaxScheduledTokens(capabilities);
        var requestLength = api.CapabilitiesMaxRequestLength(capabilities);
        var notes = new List<string>(config.Notes);
        notes.Add(config.DynamicBatching
            ? config.PrefixCaching
                ? "continuous batching over a paged KV cache; prefix caching on: a prompt may reuse blocks another request computed (usage counts them as cached prompt tokens)"
                : "continuous batching over a paged KV cache; prefix caching off"
            : $"static batching: GenAI's StaticBatchScheduler::Schedule forms batches of at most {StaticSchedulerMaxBatchSize} requests whatever "
              + "max_batch_size says (constexpr static_batch_size, src/engine/scheduler.cpp line 78 at commit a0c04eb), and a batch runs to its end "
              + "before the next forms (a request arriving meanwhile waits); no prompt prefix reuse");
        return new ServingCapabilities(
            Name,
            Batching: config.DynamicBatching ? "dynamic" : "static",
            ConfiguredMaxBatchSize: configured,
            EffectiveMaxBatchSize: config.DynamicBatching ? configured : Math.Min(configured, StaticSchedulerMaxBatchSize),
            MaxScheduledTokens: scheduledTokens == 0 ? null : (long)scheduledTokens,
            MaxRequestLength: requestLength == 0 ? null : (long)requestLength,
            ReusesPromptPrefix: config.PrefixCaching,
            Notes: notes);
    }
}
