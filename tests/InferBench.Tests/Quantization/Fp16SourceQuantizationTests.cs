using System.Text.Json.Nodes;
using InferBench.Engines;
using InferBench.Fidelity;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Tests.Quantization;

/// <summary>
/// Published GPU models are fp16: int4 and int8 variants made from one (here the tiny model's fp16 variant) run in GenAI,
/// stay as close to fp32 as variants made from fp32, and compute in the float type their target wants.
/// </summary>
public sealed class Fp16SourceQuantizationTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>, IDisposable
{
    private static readonly FidelityOptions Fidelity = new(IntraOpThreads: 1);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Same bounds as variants of the fp32 model (QuantizedTinyModelTests): fp16 weights move int8's blocks by ~1e-4 of a step.</summary>
    [Theory]
    [InlineData(Precision.Int8, ExecutionProvider.Cpu, 0.97, 1e-4)]
    [InlineData(Precision.Int4, ExecutionProvider.Cpu, 0.80, 1e-2)]
    [InlineData(Precision.Int8, ExecutionProvider.Cuda, 0.97, 1e-4)]
    [InlineData(Precision.Int4, ExecutionProvider.Cuda, 0.80, 1e-2)]
    public void Variants_of_an_fp16_model_agree_with_fp32(Precision precision, ExecutionProvider target, double minTop1Agreement, double maxMeanKlNats)
    {
        var folder = _temp.Combine("variant");

        var stamp = ModelQuantizer.Quantize(tiny.Folder(Precision.Fp16), folder, new QuantizationOptions(precision, Target: target));

        Assert.Equal(5 * SyntheticModelPresets.Tiny.Layers + 1, stamp.QuantizedMatMuls);
        Assert.Equal(Precision.Fp16, stamp.SourcePrecision);
        var result = FidelityMeter.Measure(InferenceEngines.Default, tiny.Fp32, folder, Fidelity);
        Assert.True(result.Top1Agreement >= minTop1Agreement, $"top-1 agreement {result.Top1Agreement:P1}, expected at least {minTop1Agreement:P0}");
        Assert.InRange(result.MeanKlDivergenceNats, 0, maxMeanKlNats);
    }

    [Fact]
    public void For_cpu_the_graph_computes_in_fp32_with_accuracy_level_4()
    {
        var (folder, graph) = QuantizeFp16(Precision.Int4, ExecutionProvider.Cpu, (Precision.Fp32, 4));

        Assert.DoesNotContain(graph.Initializer, tensor => tensor.DataType == (int)DataType.Float16);
        Assert.All(graph.Input.Concat(graph.Output).Where(value => value.Type.TensorType.ElemType is (int)DataType.Float or (int)DataType.Float16),
            value => Assert.Equal((int)DataType.Float, value.Type.TensorType.ElemType));
        Assert.All(graph.Node.Where(node => node.OpType == "MatMulNBits"), node => Assert.Equal(4, node.Attribute.Single(a => a.Name == "accuracy_level").I));
        Assert.Empty(ProviderOptions(folder));
    }

    [Fact]
    public void For_cuda_the_graph_stays_fp16_with_fp16_scales_no_accuracy_level_and_asks_for_cuda()
    {
        var (folder, graph) = QuantizeFp16(Precision.Int8, ExecutionProvider.Cuda, (Precision.Fp16, 0));

        Assert.DoesNotContain(graph.Initializer, tensor => tensor.DataType == (int)DataType.Float);
        Assert.All(graph.Initializer.Where(tensor => tensor.Name.EndsWith("_scales", StringComparison.Ordinal)),
            scales => Assert.Equal((int)DataType.Float16, scales.DataType));
        Assert.All(graph.Node.Where(node => node.OpType == "MatMulNBits"), node => Assert.DoesNotContain(node.Attribute, a => a.Name == "accuracy_level"));
        Assert.Equal("cuda", Assert.Single(ProviderOptions(folder))!.AsObject().Single().Key);
        Assert.True(QuantizationStamp.IsCompleteFor(folder, tiny.Folder(Precision.Fp16), new QuantizationOptions(Precision.Int8, Target: ExecutionProvider.Cuda)));
        Assert.False(QuantizationStamp.IsCompleteFor(folder, tiny.Folder(Precision.Fp16), new QuantizationOptions(Precision.Int8)));
    }

    [Fact]
    public void An_fp32_model_made_for_cuda_keeps_fp32_activations_and_the_cache_check_follows_the_target()
    {
        var folder = _temp.Combine("cuda");
        var options = new QuantizationOptions(Precision.Int4, Target: ExecutionProvider.Cuda);

        var stamp = ModelQuantizer.Quantize(tiny.Fp32, folder, options);

        Assert.Equal((Precision.Fp32, Precision.Fp32, 0), (stamp.SourcePrecision, stamp.ActivationPrecision, stamp.AccuracyLevel));
        Assert.True(QuantizationStamp.IsCompleteFor(folder, tiny.Fp32, options));
        Assert.False(QuantizationStamp.IsCompleteFor(folder, tiny.Fp32, options with { Target = null }));
        Assert.False(QuantizationStamp.IsCompleteFor(folder, tiny.Fp32, options with { AccuracyLevel = 4 }));
    }

    /// <summary>Quantizes the fp16 model for <paramref name="target"/>, checks the stamp says so, and returns the variant and its graph.</summary>
    private (string Folder, GraphProto Graph) QuantizeFp16(Precision precision, ExecutionProvider target, (Precision Activations, int AccuracyLevel) expected)
    {
        var folder = _temp.Combine(JsonEnumName.Of(target));
        var stamp = ModelQuantizer.Quantize(tiny.Folder(Precision.Fp16), folder, new QuantizationOptions(precision, Target: target));
        Assert.Equal((target, expected.Activations, expected.AccuracyLevel), (stamp.Target, stamp.ActivationPrecision, stamp.AccuracyLevel));
        return (folder, Graph(folder));
    }

    private static GraphProto Graph(string folder) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(folder, "model.onnx"))).Graph;

    private static JsonArray ProviderOptions(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "genai_config.json")))!["model"]!["decoder"]!["session_options"]!["provider_options"]!.AsArray();
}
