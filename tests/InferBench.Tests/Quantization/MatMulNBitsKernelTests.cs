using InferBench.Quantization;
using InferBench.Results;
using InferBench.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace InferBench.Tests.Quantization;

/// <summary>
/// Proves the packing: a MatMulNBits node written by the quantizer, run by ONNX Runtime with accuracy_level 0 (fp32
/// compute on the dequantized weights), equals A × dequantize(W) computed here from the schema.
/// </summary>
public sealed class MatMulNBitsKernelTests : IDisposable
{
    private const int M = 3, K = 100, N = 40; // K is not a multiple of any block size: the last block is padded
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(Precision.Int4, true, 32)]
    [InlineData(Precision.Int4, false, 32)]
    [InlineData(Precision.Int4, true, 16)]
    [InlineData(Precision.Int8, true, 32)]
    [InlineData(Precision.Int8, false, 32)]
    [InlineData(Precision.Int8, false, 64)]
    [InlineData(Precision.Int4, false, 128)]
    [InlineData(Precision.Int8, true, 256)]
    public void OnnxRuntime_computes_A_times_the_dequantized_weight(Precision precision, bool symmetric, int blockSize)
    {
        var random = new Random(17);
        var weight = Enumerable.Range(0, K * N).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var a = Enumerable.Range(0, M * K).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var source = _temp.Combine("fp32");
        OneMatMulModel.Write(source, weight, K, N);
        var options = new QuantizationOptions(precision, blockSize, symmetric, AccuracyLevel: 0);

        ModelQuantizer.Quantize(source, _temp.Combine("variant"), options);

        var quantized = BlockQuantizer.Quantize(weight, K, N, options.Bits!.Value, blockSize, symmetric);
        var expected = MatMul(a, ReferenceDequantizer.Dequantize(quantized));
        var actual = Run(_temp.Combine("variant", OneMatMulModel.FileName), a);
        var worst = expected.Zip(actual, (e, x) => Math.Abs(e - x)).Max();
        // fp32 sums of 100 products of magnitude ≤ 1: ~1e-6 apart from the double-precision reference.
        Assert.True(worst < 1e-5, $"max |ONNX Runtime − reference| = {worst:E2}");
        // And the test can tell: the quantization error itself is far larger than that tolerance.
        var unquantized = MatMul(a, weight.Select(w => (double)w).ToArray());
        Assert.True(unquantized.Zip(actual, (e, x) => Math.Abs(e - x)).Max() > 1e-3);
    }

    /// <summary>
    /// A 7B fp16 model keeps ~14.5 GB in one data file: offsets past 2 GiB must be read as 64-bit. The weight sits just past
    /// int32's range in a sparse file, so the test writes only its 16 KB (the quantizer still reads the hole once, for its SHA-256).
    /// </summary>
    [Fact]
    public void A_weight_past_2_GiB_into_one_data_file_is_read_where_it_is()
    {
        const long offset = (1L << 31) + 4096;
        var random = new Random(23);
        var weight = Enumerable.Range(0, K * N).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var a = Enumerable.Range(0, M * K).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var source = _temp.Combine("fp32");
        OneMatMulModel.WriteExternal(source, weight, K, N, offset);
        Assert.Equal(offset + K * N * sizeof(float), new FileInfo(Path.Combine(source, OneMatMulModel.DataFileName)).Length);

        ModelQuantizer.Quantize(source, _temp.Combine("variant"), new QuantizationOptions(Precision.Int8, AccuracyLevel: 0));

        var expected = MatMul(a, ReferenceDequantizer.Dequantize(BlockQuantizer.Quantize(weight, K, N, 8, 32, symmetric: true)));
        var actual = Run(_temp.Combine("variant", OneMatMulModel.FileName), a);
        Assert.True(expected.Zip(actual, (e, x) => Math.Abs(e - x)).Max() < 1e-5);
        Assert.True(new FileInfo(_temp.Combine("variant", OneMatMulModel.DataFileName)).Length < 1 << 20);
    }

    [Theory]
    [InlineData(TensorProto.Types.DataType.Bfloat16, 2, "its weight proj.MatMul.weight is bfloat16; the quantizer reads float32 and float16 weights")]
    [InlineData(TensorProto.Types.DataType.Double, 8, "its weight proj.MatMul.weight is double; the quantizer reads float32 and float16 weights")]
    public void A_weight_the_quantizer_cannot_read_is_an_unsupported_layout_naming_the_node(TensorProto.Types.DataType type, int elementBytes, string reason)
    {
        var source = _temp.Combine("source");
        OneMatMulModel.Write(source, new TensorProto { Name = OneMatMulModel.WeightName, DataType = (int)type, RawData = Google.Protobuf.ByteString.CopyFrom(new byte[K * N * elementBytes]) }, K, N);

        var error = Assert.Throws<UnsupportedLayoutException>(() => ModelQuantizer.Quantize(source, _temp.Combine("variant"), new QuantizationOptions(Precision.Int4)));

        Assert.Equal(("/model/proj/MatMul", reason), (error.NodeName, error.Reason));
        Assert.Equal($"sourceModel: {Path.Combine(source, OneMatMulModel.FileName)}: node /model/proj/MatMul cannot be quantized: {reason}", error.Message);
        Assert.False(Directory.Exists(_temp.Combine("variant")));
    }

    [Fact]
    public void The_node_has_the_schema_attributes_and_inputs()
    {
        var source = _temp.Combine("fp32");
        OneMatMulModel.Write(source, new float[K * N], K, N);

        ModelQuantizer.Quantize(source, _temp.Combine("variant"), new QuantizationOptions(Precision.Int4, Symmetric: false));

        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_temp.Combine("variant", OneMatMulModel.FileName))).Graph;
        var node = Assert.Single(graph.Node);
        Assert.Equal(("MatMulNBits", "com.microsoft", "/model/proj/MatMul_Q4"), (node.OpType, node.Domain, node.Name));
        Assert.Equal(["A", "proj.MatMul.weight_Q4", "proj.MatMul.weight_scales", "proj.MatMul.weight_zero_points"], node.Input);
        Assert.Equal(new Dictionary<string, long> { ["K"] = K, ["N"] = N, ["bits"] = 4, ["block_size"] = 32, ["accuracy_level"] = 4 },
            node.Attribute.ToDictionary(attribute => attribute.Name, attribute => attribute.I));
        var shapes = graph.Initializer.ToDictionary(tensor => tensor.Name, tensor => tensor.Dims.ToArray());
        Assert.Equal([N, 4, 16], shapes["proj.MatMul.weight_Q4"]); // ⌈100 / 32⌉ = 4 blocks of 32 × 4 bits
        Assert.Equal([N * 4], shapes["proj.MatMul.weight_scales"]);
        Assert.Equal([N * 2], shapes["proj.MatMul.weight_zero_points"]);
        Assert.DoesNotContain(OneMatMulModel.WeightName, shapes.Keys);
    }

    private static float[] Run(string modelPath, float[] a)
    {
        using var session = new InferenceSession(modelPath);
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("A", new DenseTensor<float>(a, [M, K]))]);
        return outputs.Single().AsTensor<float>().ToArray();
    }

    private static double[] MatMul(float[] a, double[] w)
    {
        var y = new double[M * N];
        for (var m = 0; m < M; m++)
            for (var k = 0; k < K; k++)
                for (var n = 0; n < N; n++)
                    y[m * N + n] += a[m * K + k] * w[k * N + n];
        return y;
    }
}
