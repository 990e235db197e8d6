using InferBench.Engines.GenAi;
using InferBench.Models;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;
using Microsoft.ML.OnnxRuntimeGenAI;
using Onnx;

namespace InferBench.Tests.Quantization;

/// <summary>
/// The layouts real exports hold, written by the synthetic writer, quantize and compute what the reference forward pass
/// computes with the weights dequantized as the variant holds them. accuracy_level 0 makes ONNX Runtime compute in fp32
/// on exactly those weights, so a layout the quantizer mishandles (gate and up swapped, a transpose read the wrong way, a
/// weight left out) shows as errors far above the tolerance, not inside the quantization noise.
/// </summary>
public sealed class ExportLayoutQuantizationTests : IDisposable
{
    private const double ReferenceTolerance = 2e-4;
    private static readonly int[] Prompt = [5, 9, 100, 7, 3, 200, 11, 12, 480, 64, 1, 33];
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, Precision> Layouts => new()
    {
        { "", Precision.Int4 },
        { "", Precision.Int8 },
        { "fused-gate-up", Precision.Int4 },
        { "fused-gate-up", Precision.Int8 },
        { "tied-embeddings", Precision.Int4 },
        { "tied-embeddings", Precision.Int8 },
        { "data-file-per-tensor", Precision.Int4 },
        { "fused-gate-up,tied-embeddings,data-file-per-tensor", Precision.Int8 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Each_layout_quantizes_to_what_the_reference_computes_with_its_dequantized_weights(string layoutNames, Precision precision)
    {
        var config = SyntheticModelPresets.Tiny with { Layout = SyntheticLayout.Named(layoutNames.Split(',', StringSplitOptions.RemoveEmptyEntries)) };
        var weights = new SyntheticWeights(config);
        var (source, variant) = (_temp.Combine("fp32"), _temp.Combine("variant"));
        SyntheticModelWriter.Write(config, source);
        AssertLogits(source, new ReferenceLlama(weights), "fp32 source");
        var options = new QuantizationOptions(precision, AccuracyLevel: 0);

        var stamp = ModelQuantizer.Quantize(source, variant, options);

        var matMulsPerLayer = config.Layout!.FusedGateUp ? 4 : 5;
        Assert.Equal(matMulsPerLayer * config.Layers + 1, stamp.QuantizedMatMuls);
        Assert.True(stamp.LmHeadQuantized);
        AssertLogits(variant, new ReferenceLlama(weights, (_, w, k, n) => Dequantized(w, k, n, options.Bits!.Value)), $"{layoutNames} {precision}");
        // And the test can tell: the variant is measurably off the unquantized reference.
        Assert.Throws<Xunit.Sdk.TrueException>(() => AssertLogits(variant, new ReferenceLlama(weights), "unquantized reference"));
    }

    [Fact]
    public void Tied_embeddings_keep_the_table_for_the_gather_and_lose_the_transpose()
    {
        var config = SyntheticModelPresets.Tiny with { Layout = new SyntheticLayout(TiedEmbeddings: true) };
        SyntheticModelWriter.Write(config, _temp.Combine("fp32"));

        ModelQuantizer.Quantize(_temp.Combine("fp32"), _temp.Combine("int4"), new QuantizationOptions(Precision.Int4));

        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_temp.Combine("int4", "model.onnx"))).Graph;
        Assert.DoesNotContain(graph.Node, node => node.OpType == "Transpose");
        var lmHead = graph.Node.Single(node => node.Output.Contains("logits"));
        Assert.Equal(("MatMulNBits", LlamaTensorNames.Embedding + "_Q4"), (lmHead.OpType, lmHead.Input[1]));
        Assert.Equal([config.VocabSize, config.HiddenSize / 32, 16], graph.Initializer.Single(t => t.Name == lmHead.Input[1]).Dims);
        Assert.Contains(graph.Initializer, tensor => tensor.Name == LlamaTensorNames.Embedding && tensor.DataType == (int)TensorProto.Types.DataType.Float);
    }

    [Fact]
    public void MatMuls_quantized_already_are_kept_as_they_are_and_said_so()
    {
        var (source, variant) = (_temp.Combine("partly-int4"), _temp.Combine("int8"));
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, _temp.Combine("fp32"));
        ModelQuantizer.Quantize(_temp.Combine("fp32"), source, new QuantizationOptions(Precision.Int4, AccuracyLevel: 0, QuantizeLmHead: false));
        File.Delete(Path.Combine(source, QuantizationStamp.FileName)); // as a published export would come

        var stamp = ModelQuantizer.Quantize(source, variant, new QuantizationOptions(Precision.Int8, AccuracyLevel: 0));

        Assert.Equal((1, 5 * SyntheticModelPresets.Tiny.Layers), (stamp.QuantizedMatMuls, stamp.AlreadyQuantizedMatMuls));
        Assert.Equal([4], stamp.AlreadyQuantizedBits);
        Assert.Contains("\"alreadyQuantizedMatMuls\": 10", File.ReadAllText(Path.Combine(variant, QuantizationStamp.FileName)));
        var reference = new ReferenceLlama(new SyntheticWeights(SyntheticModelPresets.Tiny),
            (name, w, k, n) => Dequantized(w, k, n, name == LlamaTensorNames.LmHead ? 8 : 4));
        AssertLogits(variant, reference, "int4 layers, int8 lm_head");
    }

    private static float[] Dequantized(float[] weight, int k, int n, int bits) =>
        ReferenceDequantizer.Dequantize(BlockQuantizer.Quantize(weight, k, n, bits, QuantizationOptions.DefaultBlockSizeElements, symmetric: true))
            .Select(value => (float)value).ToArray();

    private static void AssertLogits(string folder, ReferenceLlama reference, string what)
    {
        using var model = GenAiModelLoader.Load(folder, ExecutionProvider.Cpu, intraOpThreads: 1);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", 32);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens(Prompt);
        using var logits = generator.GetOutput("logits");
        var expected = reference.Logits(Prompt);
        var vocab = expected[0].Length;
        for (var position = 0; position < Prompt.Length; position++)
            LogitAssert.Close(expected[position], logits.GetData<float>().Slice(position * vocab, vocab), ReferenceTolerance, $"{what}, position {position}");
    }
}
