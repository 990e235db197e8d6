using InferBench.Engines;
using InferBench.Models;
using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Tests.Support;

/// <summary>
/// An engine for tests of the quality meters, with no runtime behind it: it tokenizes any text to <see cref="Tokens"/>,
/// gives each position the logits <see cref="LogitsOf"/> makes of the sequence appended, and records every sequence.
/// </summary>
/// <param name="noiseByFolder">A model folder's <see cref="LogitsOf"/> noise, so a variant's logits differ from its reference's; 0 for any other folder.</param>
public sealed class ScriptedLogitsEngine(int vocabSize, int[] tokens, IReadOnlyDictionary<string, double>? noiseByFolder = null) : IInferenceEngine, IEngineModel
{
    /// <summary>The noise of the folder loaded last: the meters load one model at a time.</summary>
    private double _noise;

    public string Name => "scripted-logits";

    public string Description => "a test double that tokenizes to fixed tokens and gives logits computed from the sequence";

    public int[] Tokens => tokens;

    /// <summary>Every sequence <see cref="Logits"/> was given, in order.</summary>
    public List<int[]> Appended { get; } = [];

    /// <summary>A model folder the meters can read: genai_config.json (with <paramref name="bosTokenId"/> where given), an empty decoder and tokenizer files.</summary>
    public static string ModelFolder(string folder, int vocabSize, int contextLength, int? bosTokenId)
    {
        Directory.CreateDirectory(folder);
        var bos = bosTokenId is { } id ? $"\"bos_token_id\": {id}, " : "";
        File.WriteAllText(Path.Combine(folder, GenAiModelFolder.ConfigFileName),
            $$"""{ "model": { {{bos}}"type": "scripted", "vocab_size": {{vocabSize}}, "context_length": {{contextLength}}, "decoder": { "filename": "model.onnx" } } }""");
        foreach (var file in new[] { "model.onnx", "tokenizer.json", "tokenizer_config.json" })
            File.WriteAllBytes(Path.Combine(folder, file), []);
        return folder;
    }

    /// <summary>
    /// Position p's logits depend on every token up to p (as a causal model's do): logit v = sin(v · (1 + Σ tokens[..p]) / 7)
    /// + <paramref name="noise"/> · cos(1.3 · v + Σ tokens[..p]).
    /// </summary>
    public static float[] LogitsOf(int[] sequence, int vocabSize, double noise = 0)
    {
        var logits = new float[sequence.Length * vocabSize];
        var prefix = 0L;
        for (var position = 0; position < sequence.Length; position++)
        {
            prefix += sequence[position];
            for (var v = 0; v < vocabSize; v++)
                logits[position * vocabSize + v] = (float)(Math.Sin(v * (1 + prefix) / 7.0) + noise * Math.Cos(1.3 * v + prefix));
        }
        return logits;
    }

    public IEngineModel Load(string folderPath, ExecutionProvider executionProvider, int? intraOpThreads, IReadOnlyList<ProviderOption>? providerOptions = null)
    {
        _noise = noiseByFolder?.GetValueOrDefault(folderPath) ?? 0;
        return this;
    }

    public int[] Tokenize(string text) => [.. tokens];

    public IRepetitionRunner RepetitionRunner(PlanPoint point, PowerMeter? meter) => throw new NotSupportedException("the scripted engine only gives logits");

    public float[] Logits(int[] sequence)
    {
        Appended.Add([.. sequence]);
        return LogitsOf(sequence, vocabSize, _noise);
    }

    public void Dispose()
    {
    }
}
