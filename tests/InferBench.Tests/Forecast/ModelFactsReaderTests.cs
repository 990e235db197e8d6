using InferBench.Cost.Catalog;
using InferBench.Forecast;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Forecast;

public sealed class ModelFactsReaderTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>
{
    private static readonly SyntheticModelConfig Config = SyntheticModelPresets.Tiny;

    private static ModelFacts FromShape(double weightBits, double cacheBits) => ShapeFacts.Of(new PublishedModelShape(
        Config.Layers, Config.HiddenSize, Config.IntermediateSize, Config.AttentionHeads, Config.KeyValueHeads,
        Config.HeadSize, Config.VocabSize, GatedMlp: true, weightBits, cacheBits));

    [Fact]
    public void Fp32_facts_match_the_shape_the_model_was_written_with()
    {
        var facts = ModelFactsReader.Read(tiny.Fp32);
        var expected = FromShape(32, 32);

        Assert.Equal(expected.MatMulParameters, facts.MatMulParameters);
        // Learned weights beyond the matmuls: the embedding table and the RMS norms (two per layer and the final one).
        var norms = (2L * Config.Layers + 1) * Config.HiddenSize;
        Assert.Equal(expected.Parameters + norms, facts.Parameters);
        Assert.Equal(expected.KvCacheBytesPerToken, facts.KvCacheBytesPerToken);
        Assert.Equal(2L * Config.Layers * Config.KeyValueHeads * Config.HeadSize * sizeof(float), facts.KvCacheBytesPerToken);
        // Every matmul weight and norm is read per step (the rotary tables too); the embedding table is not.
        Assert.InRange(facts.WeightBytesPerDecodeStep, expected.WeightBytesPerDecodeStep + norms * 4, expected.WeightBytesPerDecodeStep + norms * 4 + 2L * Config.ContextLength * Config.HeadSize * 4);
        Assert.Equal((Config.Layers, Config.AttentionHeads, Config.HeadSize), (facts.Layers, facts.AttentionHeads, facts.HeadSize));
        Assert.Equal("fp32", ModelFactsReader.Precision(tiny.Fp32));
    }

    [Theory]
    [InlineData(Precision.Int4, "int4", 0.10, 0.25)]
    [InlineData(Precision.Int8, "int8", 0.25, 0.40)]
    [InlineData(Precision.Fp16, "fp16", 0.45, 0.55)]
    public void Quantized_variants_keep_their_parameters_and_read_fewer_bytes(Precision precision, string name, double minShare, double maxShare)
    {
        var fp32 = ModelFactsReader.Read(tiny.Fp32);
        var variant = ModelFactsReader.Read(tiny.Folder(precision));

        Assert.Equal(fp32.MatMulParameters, variant.MatMulParameters);
        Assert.Equal(fp32.Parameters, variant.Parameters);
        Assert.InRange((double)variant.WeightBytesPerDecodeStep / fp32.WeightBytesPerDecodeStep, minShare, maxShare);
        Assert.Equal(name, ModelFactsReader.Precision(tiny.Folder(precision)));
    }

    [Fact]
    public void A_folder_without_genai_config_is_bad_input_naming_it()
    {
        using var temp = new TempFolder();

        var exception = Assert.Throws<InputException>(() => ModelFactsReader.Read(temp.Path));

        Assert.Contains("genai_config.json", exception.Message);
    }

    [Fact]
    public void Flops_count_two_per_matmul_weight_and_attention_over_the_context()
    {
        var facts = new ModelFacts(Parameters: 1000, MatMulParameters: 800, WeightBytesPerDecodeStep: 3200, KvCacheBytesPerToken: 64, Layers: 2, AttentionHeads: 4, HeadSize: 8);

        Assert.Equal(2 * 800 + 4 * 2 * 4 * 8 * 100, facts.FlopsPerDecodeToken(100));
        Assert.Equal(facts.FlopsPerDecodeToken(50.5), facts.FlopsPerPrefillToken(100));
        Assert.Equal(3200 + 4 * 100 * 64, facts.DecodeStepBytes(4, 100));
    }
}
