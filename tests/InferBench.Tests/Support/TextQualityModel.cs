using InferBench.Quantization;
using InferBench.Results;
using InferBench.Synthetic;

namespace InferBench.Tests.Support;

/// <summary>
/// A stand-in for a real model with a tokenizer: the tiny synthetic Llama with GPT-2's 50,257-token vocabulary and the
/// GPT-2 tokenizer files of the shared fixture, and its fp16 rung and the int8 and int4 rungs quantized from that fp16
/// build, each made on first use.
/// <see cref="Require"/> skips the test where the shared fixture is absent.
/// </summary>
public sealed class TextQualityModel : IDisposable
{
    public const int Gpt2VocabSize = 50_257;

    private static readonly string[] TokenizerFiles = ["tokenizer.json", "tokenizer_config.json", "vocab.json"];

    private readonly TempFolder _temp = new();
    private readonly Lazy<string> _fp32;
    private readonly Dictionary<Precision, Lazy<string>> _rungs;

    public TextQualityModel()
    {
        _fp32 = new(() =>
        {
            var folder = _temp.Combine("fp32");
            SyntheticModelWriter.Write(Config, folder);
            foreach (var file in TokenizerFiles)
                File.Copy(Path.Combine(SharedFixtures.TinyGpt2Path!, file), Path.Combine(folder, file));
            return folder;
        });
        _rungs = new[] { Precision.Fp16, Precision.Int8, Precision.Int4 }.ToDictionary(precision => precision, precision => new Lazy<string>(() =>
        {
            var folder = _temp.Combine(JsonEnumName.Of(precision));
            ModelQuantizer.Quantize(Source(precision), folder, new QuantizationOptions(precision, Target: ExecutionProvider.Cpu));
            return folder;
        }));
    }

    /// <summary>The tiny preset's shape with GPT-2's vocabulary: 3.4 M parameters, almost all in the embedding and lm_head.</summary>
    public static SyntheticModelConfig Config { get; } = new(
        HiddenSize: 64, Layers: 2, AttentionHeads: 4, KeyValueHeads: 2, IntermediateSize: 176,
        VocabSize: Gpt2VocabSize, ContextLength: 256, Seed: SyntheticModelPresets.DefaultSeed);

    /// <summary>The short text the tests score, shipped beside them.</summary>
    public static string Text => File.ReadAllText(TextPath);

    public static string TextPath => Path.Combine(AppContext.BaseDirectory, "Fidelity", "quality-text.txt");

    /// <summary>The fp32 folder; skips the test without the shared fixture's tokenizer.</summary>
    public string Require()
    {
        SharedFixtures.RequireTinyGpt2();
        return _fp32.Value;
    }

    public string Rung(Precision precision) => precision == Precision.Fp32 ? Require() : _rungs[precision].Value;

    /// <summary>fp16 is converted from fp32; int8 and int4 are quantized from the fp16 build, as published GPU models are (for the CPU, to run here).</summary>
    private string Source(Precision precision) => precision == Precision.Fp16 ? Require() : Rung(Precision.Fp16);

    public void Dispose() => _temp.Dispose();
}
