using InferBench.Results;

namespace InferBench.Models;

/// <summary>The facts InferBench needs from a GenAI model folder's genai_config.json.</summary>
/// <param name="DecoderInputs">$.model.decoder.inputs: GenAI's name for each input (input_ids, past_key_names...) and the graph input it expects.</param>
/// <param name="ConfiguredProvider">
/// The execution provider the configuration asks for (the first of <c>model.decoder.session_options.provider_options</c>,
/// lowercase, such as cuda); null when it asks for none, which means the CPU.
/// </param>
/// <param name="BosTokenId">$.model.bos_token_id where it is a token id (a whole number from 0); null where absent or anything else.</param>
public sealed record GenAiModelInfo(
    string FolderPath,
    string ModelType,
    int VocabSize,
    int ContextLength,
    string DecoderFileName,
    IReadOnlyDictionary<string, string> DecoderInputs,
    string? ConfiguredProvider = null,
    int? BosTokenId = null)
{
    /// <summary>
    /// The provider a configuration asks for (<paramref name="configuredProvider"/>), or the CPU when it asks for none;
    /// null when it asks for one InferBench does not run (such as dml).
    /// </summary>
    public static ExecutionProvider? ProviderFrom(string? configuredProvider) =>
        configuredProvider is null ? ExecutionProvider.Cpu
        : JsonEnumName.Find<ExecutionProvider>(configuredProvider) is { } provider and not ExecutionProvider.Auto ? provider
        : null;
}
