using System.Text.Json.Nodes;
using InferBench.Engines;
using InferBench.Fidelity;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Fidelity;

/// <summary>Perplexity and drift on real text, on the synthetic stand-in with GPT-2's tokenizer (README.md of Fidelity defines them).</summary>
public sealed class TextQualityMeterTests(TextQualityModel model) : IClassFixture<TextQualityModel>, IDisposable
{
    private const int Window = 32;
    private const int Stride = 16;
    private const int MaxScored = 96;
    private static readonly TextQualityOptions Options = new(MaxScored, Window, Stride, IntraOpThreads: 1);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (string, ExecutionProvider) Cpu(string folder) => (folder, ExecutionProvider.Cpu);

    [SkippableFact]
    public void The_reference_perplexity_is_what_the_plain_csharp_forward_pass_gives_on_the_same_windows()
    {
        var fp32 = model.Require();

        var result = TextQualityMeter.Measure(InferenceEngines.Default, Cpu(fp32), [], TextQualityModel.Text, Options);

        var expected = IndependentPerplexity.Of(fp32, TextQualityModel.Text, MaxScored, Window, Stride);
        Assert.Equal(MaxScored, result.ScoredTokens);
        Assert.Equal((Window, Stride), (result.WindowTokens, result.StrideTokens));
        Assert.InRange(result.Reference.Perplexity, expected * (1 - 1e-4), expected * (1 + 1e-4));
        // Random weights over 50,257 tokens: a perplexity of the vocabulary's order, not a degenerate 1 or overflow.
        Assert.InRange(result.Reference.Perplexity, 1, 10 * TextQualityModel.Gpt2VocabSize);
    }

    [SkippableFact]
    public void Llama_cpps_method_gives_the_plain_csharp_forward_pass_perplexity_on_chunks_beginning_with_bos()
    {
        // The stand-in's GPT-2 tokenizer adds no BOS: a copy whose genai_config names the text's first token as BOS stands
        // in for a tokenizer that begins text with it, so every chunk must begin with that token.
        var fp32 = model.Require();
        var firstToken = IndependentPerplexity.Tokenize(fp32, TextQualityModel.Text)[0];
        var withBos = _temp.CopyOf(fp32);
        var config = Path.Combine(withBos, "genai_config.json");
        var json = JsonNode.Parse(File.ReadAllText(config))!;
        json["model"]!["bos_token_id"] = firstToken;
        File.WriteAllText(config, json.ToJsonString());
        var options = Options with { MaxScoredTokens = 40, Method = QualityMethod.LlamaCpp };

        var result = TextQualityMeter.Measure(InferenceEngines.Default, Cpu(withBos), [Cpu(model.Rung(Precision.Int4))], TextQualityModel.Text, options);
        var plain = TextQualityMeter.Measure(InferenceEngines.Default, Cpu(fp32), [], TextQualityModel.Text, options);

        // 40 tokens at 15 per 32-token chunk: 3 chunks.
        Assert.Equal((QualityMethod.LlamaCpp, (int?)firstToken, 45, Window, Window), (result.Method, result.BosTokenId, result.ScoredTokens, result.WindowTokens, result.StrideTokens));
        var expected = IndependentPerplexity.OfChunks(fp32, TextQualityModel.Text, 40, Window, firstToken);
        Assert.InRange(result.Reference.Perplexity, expected * (1 - 1e-4), expected * (1 + 1e-4));
        Assert.Null(plain.BosTokenId);
        var expectedPlain = IndependentPerplexity.OfChunks(fp32, TextQualityModel.Text, 40, Window, bos: null);
        Assert.InRange(plain.Reference.Perplexity, expectedPlain * (1 - 1e-4), expectedPlain * (1 + 1e-4));
        var int4 = result.Variants[0];
        Assert.Null(int4.Failure);
        Assert.Equal((45, 11), (int4.Fidelity!.Positions, int4.Fidelity.TokenProbabilityDelta!.Percentiles.Count));
        Assert.InRange(int4.Likelihood!.Ratio, 0.5, 2);
        Assert.True(int4.Likelihood.LnRatioStandardError > 0 && int4.Fidelity.KlDivergenceNats.MeanStandardError > 0);
    }

    [SkippableFact]
    public void Every_rung_gets_perplexity_kl_and_top1_and_fp32_against_itself_is_exact()
    {
        var fp32 = model.Require();
        Precision[] rungs = [Precision.Fp32, Precision.Fp16, Precision.Int8, Precision.Int4];

        var result = TextQualityMeter.Measure(InferenceEngines.Default, Cpu(fp32), [.. rungs.Select(rung => Cpu(model.Rung(rung)))], TextQualityModel.Text, Options);

        var byRung = rungs.Zip(result.Variants).ToDictionary(pair => pair.First, pair => pair.Second);
        Assert.All(byRung.Values, variant => Assert.Null(variant.Failure));
        FidelityAssert.Identical(byRung[Precision.Fp32].Fidelity!, MaxScored, onText: true);
        Assert.Equal(result.Reference.Perplexity, byRung[Precision.Fp32].Likelihood!.Perplexity);
        Assert.All(byRung.Values, variant => Assert.Equal(MaxScored, variant.Fidelity!.Positions));
        // Fewer bits, more drift: the ordering quantization error must show on random weights too.
        var kl = rungs.Select(rung => byRung[rung].Fidelity!.MeanKlDivergenceNats).ToArray();
        Assert.True(kl[1] < kl[2] && kl[2] < kl[3], $"mean KL fp32 {kl[0]}, fp16 {kl[1]}, int8 {kl[2]}, int4 {kl[3]}");
        Assert.All(rungs[1..], rung => Assert.True(byRung[rung].Fidelity!.P99KlDivergenceNats >= byRung[rung].Fidelity!.MeanKlDivergenceNats));
        Assert.All(rungs[1..], rung => Assert.InRange(byRung[rung].Likelihood!.Perplexity, result.Reference.Perplexity * 0.5, result.Reference.Perplexity * 2));
        Assert.True(byRung[Precision.Fp16].Fidelity!.Top1Agreement >= byRung[Precision.Int4].Fidelity!.Top1Agreement);
    }

    [SkippableFact]
    public void A_variant_that_cannot_load_gets_its_reason_and_the_others_still_measure()
    {
        var fp32 = model.Require();
        var broken = _temp.CopyOf(fp32);
        File.WriteAllText(Path.Combine(broken, "model.onnx"), "not an onnx model");

        var result = TextQualityMeter.Measure(InferenceEngines.Default, Cpu(fp32), [Cpu(broken), Cpu(fp32)], TextQualityModel.Text, Options with { MaxScoredTokens = 30 });

        Assert.NotNull(result.Variants[0].Failure);
        Assert.Null(result.Variants[0].Likelihood);
        Assert.Equal(result.Reference.Perplexity, result.Variants[1].Likelihood!.Perplexity);
    }

    [SkippableFact]
    public void Tokenizer_ids_beyond_the_vocabulary_make_quality_unavailable_naming_the_id_and_the_vocabulary()
    {
        SharedFixtures.RequireTinyGpt2();
        var small = _temp.Combine("vocab512");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, small);
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json", "vocab.json" })
            File.Copy(Path.Combine(SharedFixtures.TinyGpt2Path!, file), Path.Combine(small, file));

        var error = Assert.Throws<QualityUnavailableException>(() => TextQualityMeter.Measure(InferenceEngines.Default, Cpu(small), [], TextQualityModel.Text, Options));

        Assert.Contains("outside the model's vocabulary (vocab_size 512)", error.Message);
    }

    [Fact]
    public void A_model_without_a_tokenizer_makes_quality_unavailable()
    {
        var folder = _temp.Combine("no-tokenizer");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, folder);

        var error = Assert.Throws<QualityUnavailableException>(() => TextQualityMeter.Measure(InferenceEngines.Default, Cpu(folder), [], "Some text to score.", Options));

        Assert.Contains("no tokenizer", error.Message);
    }
}
