using InferBench.Engines;
using InferBench.Fidelity;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Quantization;

/// <summary>
/// A model nobody here wrote (GPT-2 layout, contrib Attention, weights inline in the graph, tokenizer files beside it):
/// its MatMuls quantize, its other files are copied, and every variant runs in GenAI close to the original.
/// </summary>
public sealed class Gpt2FixtureQuantizationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Measured on 1,024 positions: 98.5% (int8), 82.4% (int4), 99.9% (fp16); random weights, flat distributions (see QuantizedTinyModelTests).</summary>
    [SkippableTheory]
    [InlineData(Precision.Int8, 0.95)]
    [InlineData(Precision.Int4, 0.70)]
    [InlineData(Precision.Fp16, 0.98)]
    public void Variants_of_the_gpt2_fixture_run_and_agree_with_it(Precision precision, double minTop1Agreement)
    {
        var source = SharedFixtures.RequireTinyGpt2();
        var folder = _temp.Combine("variant");

        var stamp = ModelQuantizer.Quantize(source, folder, new QuantizationOptions(precision));

        Assert.Equal(precision == Precision.Fp16 ? 0 : 16, stamp.QuantizedMatMuls); // per layer: attention output and two MLP MatMuls; plus lm_head
        Assert.Equal(QuantizationStamp.SourceFiles(source), stamp.SourceSha256.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("tokenizer.json", stamp.SourceSha256.Keys);
        foreach (var copied in new[] { "tokenizer.json", "tokenizer_config.json", "vocab.json", "LICENSE.onnxruntime-genai", "genai_config.json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, copied)), File.ReadAllBytes(Path.Combine(folder, copied)));
        var result = FidelityMeter.Measure(InferenceEngines.Default, source, folder, new FidelityOptions(IntraOpThreads: 1));
        Assert.True(result.Top1Agreement >= minTop1Agreement, $"top-1 agreement {result.Top1Agreement:P1}");
    }
}
