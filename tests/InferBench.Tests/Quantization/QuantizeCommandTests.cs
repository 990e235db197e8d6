using InferBench.Cli;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Quantization;

public sealed class QuantizeCommandTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Quantize_writes_the_variant_with_the_options_given_and_prints_what_it_did()
    {
        var folder = _temp.Combine("int8");

        var run = CliRun.Invoke("models", "quantize", "--in", tiny.Fp32, "--out", folder, "--precision", "int8",
            "--block-size", "64", "--asymmetric", "--accuracy-level", "0", "--quantize-lm-head", "false");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var stamp = QuantizationStamp.TryRead(folder)!;
        Assert.Equal((Precision.Int8, 8, 64, false, 0, false), (stamp.Precision, stamp.Bits, stamp.BlockSizeElements, stamp.Symmetric, stamp.AccuracyLevel, stamp.LmHeadQuantized));
        Assert.Contains("weights:    10 MatMuls as MatMulNBits, 8 bits, block 64, asymmetric, accuracy_level 0", run.Out);
        Assert.Contains("lm_head:    kept in fp32", run.Out);
        Assert.Matches(@"files: +\d[\d,]* bytes", run.Out);
    }

    [Theory]
    [InlineData("int8", new string[0], "cpu, fp16 source, fp32 activations", "accuracy_level 4")]
    [InlineData("int4", new[] { "--target", "cuda" }, "cuda, fp16 source, fp16 activations", "accuracy_level 0")]
    public void An_fp16_model_quantizes_for_the_target_given(string precision, string[] target, string targetLine, string accuracy)
    {
        var folder = _temp.Combine(precision);

        var run = CliRun.Invoke(["models", "quantize", "--in", tiny.Folder(Precision.Fp16), "--out", folder, "--precision", precision, .. target]);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains($"target:     {targetLine}", run.Out);
        Assert.Contains(accuracy, run.Out);
        Assert.Equal(Precision.Fp16, QuantizationStamp.TryRead(folder)!.SourcePrecision);
    }

    [Fact]
    public void A_layout_that_cannot_be_quantized_exits_2_naming_the_node()
    {
        var source = _temp.Combine("bf16");
        OneMatMulModel.Write(source, new global::Onnx.TensorProto { Name = OneMatMulModel.WeightName, DataType = (int)global::Onnx.TensorProto.Types.DataType.Bfloat16,
            RawData = Google.Protobuf.ByteString.CopyFrom(new byte[64 * 8 * 2]) }, 64, 8);

        var run = CliRun.Invoke("models", "quantize", "--in", source, "--out", _temp.Combine("int4"), "--precision", "int4");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"inferbench: --in: {Path.Combine(source, "model.onnx")}: node /model/proj/MatMul cannot be quantized: its weight proj.MatMul.weight is bfloat16", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_signal_stops_quantizing_with_exit_130_and_writes_nothing()
    {
        var folder = _temp.Combine("int4");
        using var signal = new CancellationTokenSource();
        signal.Cancel();

        var run = CliRun.Invoke(signal.Token, "models", "quantize", "--in", tiny.Fp32, "--out", folder, "--precision", "int4");

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Contains($"inferbench: models quantize stopped before it finished; {folder} is as it was (the half-written copy was removed)", run.Error);
        run.AssertNoStackTrace();
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Defaults_are_int4_blocks_of_32_symmetric_accuracy_level_4_with_lm_head()
    {
        var folder = _temp.Combine("int4");

        var run = CliRun.Invoke("models", "quantize", "--in", tiny.Fp32, "--out", folder, "--precision", "int4");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var stamp = QuantizationStamp.TryRead(folder)!;
        Assert.Equal((4, 32, true, 4, true), (stamp.Bits, stamp.BlockSizeElements, stamp.Symmetric, stamp.AccuracyLevel, stamp.LmHeadQuantized));
    }

    [Theory]
    [InlineData(new[] { "--precision", "int3" }, "int3")]
    [InlineData(new[] { "--precision", "int4", "--block-size", "48" }, "inferbench: --block-size: expected a whole number from 16 to 256 (16, 32, 64, 128 or 256: the block sizes ONNX Runtime's MatMulNBits takes), got 48")]
    [InlineData(new[] { "--precision", "int4", "--block-size", "99999999999" }, "inferbench: --block-size: expected a whole number from 16 to 256 (16, 32, 64, 128 or 256: the block sizes ONNX Runtime's MatMulNBits takes), got \"99999999999\"")]
    [InlineData(new[] { "--precision", "int8", "--accuracy-level", "9" }, "inferbench: --accuracy-level: expected a whole number from 0 to 4 (MatMulNBits accuracy_level), got 9")]
    [InlineData(new[] { "--precision", "int8", "--accuracy-level", "x" }, "inferbench: --accuracy-level: expected a whole number from 0 to 4 (MatMulNBits accuracy_level), got \"x\"")]
    [InlineData(new[] { "--precision", "int4", "--symmetric", "--asymmetric" }, "inferbench: --symmetric and --asymmetric: give one or the other")]
    [InlineData(new[] { "--precision", "fp16", "--block-size", "32" }, "inferbench: --block-size: applies to --precision int4 and int8, not fp16")]
    [InlineData(new[] { "--precision", "fp16", "--quantize-lm-head", "false" }, "inferbench: --quantize-lm-head: applies to --precision int4 and int8, not fp16")]
    [InlineData(new[] { "--block-size", "32" }, "--precision")]
    [InlineData(new[] { "--precision", "int4", "--target", "rocm" }, "rocm")]
    [InlineData(new[] { "--precision", "fp16", "--accuracy-level", "4" }, "inferbench: --accuracy-level: applies to --precision int4 and int8, not fp16")]
    public void Bad_options_exit_2_with_a_message_naming_the_option(string[] options, string expected)
    {
        var folder = _temp.Combine("variant");

        var run = CliRun.Invoke(["models", "quantize", "--in", tiny.Fp32, "--out", folder, .. options]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("System.", run.Error);
        run.AssertNoStackTrace();
        Assert.False(Directory.Exists(folder));
    }
}
