using InferBench.Quantization;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Quantization;

/// <summary>Bad sources and options are <see cref="InputException"/>s naming the option, the file and what was expected; nothing is written.</summary>
public sealed class ModelQuantizerInputTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out => _temp.Combine("out");

    [Fact]
    public void An_int_variant_with_quantization_json_is_refused()
    {
        var error = Quantize(tiny.Folder(Precision.Int4), new QuantizationOptions(Precision.Int8));

        Assert.Equal($"sourceModel: {tiny.Folder(Precision.Int4)} holds a variant made by `models quantize` (quantization.json); quantize the fp32 or fp16 model it was made from", error.Message);
    }

    [Fact]
    public void A_graph_of_MatMulNBits_only_has_nothing_to_quantize_and_says_so()
    {
        var source = _temp.CopyOf(tiny.Folder(Precision.Int4));
        File.Delete(Path.Combine(source, QuantizationStamp.FileName));

        var error = Quantize(source, new QuantizationOptions(Precision.Int4));

        Assert.Equal($"sourceModel: {Path.Combine(source, "model.onnx")} has no MatMul whose weight is a 2-D float32 or float16 initializer " +
            $"({5 * SyntheticModelPresets.Tiny.Layers + 1} MatMulNBits nodes are quantized already); nothing to quantize", error.Message);
    }

    [Fact]
    public void An_fp16_model_is_not_converted_to_fp16_again()
    {
        var error = Quantize(tiny.Folder(Precision.Fp16), new QuantizationOptions(Precision.Fp16));

        Assert.Equal($"precision: fp16: {Path.Combine(tiny.Folder(Precision.Fp16), "model.onnx")} is fp16 already; expected int4 or int8 for an fp16 model", error.Message);
    }

    [Fact]
    public void A_source_asking_for_another_provider_needs_a_target()
    {
        var source = _temp.CopyOf(tiny.Fp32);
        var config = Path.Combine(source, "genai_config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"provider_options\": []", "\"provider_options\": [ { \"dml\": {} } ]"));

        var error = Quantize(source, new QuantizationOptions(Precision.Int4));

        Assert.Equal($"target: {config} asks for provider dml; expected a target of cpu or cuda, given explicitly", error.Message);
        ModelQuantizer.Quantize(source, Out, new QuantizationOptions(Precision.Int4, Target: ExecutionProvider.Cpu));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(0)]
    [InlineData(512)]
    public void A_block_size_MatMulNBits_does_not_take_is_refused(int blockSize)
    {
        var error = Quantize(tiny.Fp32, new QuantizationOptions(Precision.Int4, blockSize));

        Assert.Equal($"blockSizeElements: expected a whole number from 16 to 256 (16, 32, 64, 128 or 256: the block sizes ONNX Runtime's MatMulNBits takes), got {blockSize}", error.Message);
    }

    [Fact]
    public void Fp32_is_not_a_precision_to_quantize_to()
    {
        var error = Quantize(tiny.Fp32, new QuantizationOptions(Precision.Fp32));

        Assert.Equal("precision: expected int4, int8 or fp16, got fp32", error.Message);
    }

    [Fact]
    public void An_accuracy_level_outside_0_to_4_is_refused()
    {
        var error = Quantize(tiny.Fp32, new QuantizationOptions(Precision.Int8, AccuracyLevel: 5));

        Assert.Equal("accuracyLevel: expected a whole number from 0 to 4 (MatMulNBits accuracy_level), got 5", error.Message);
    }

    [Fact]
    public void A_folder_that_is_not_a_genai_model_is_refused()
    {
        var error = Quantize(_temp.Combine("missing"), new QuantizationOptions(Precision.Int4));

        Assert.Equal($"sourceModel: model folder not found: {_temp.Combine("missing")}", error.Message);
    }

    [Fact]
    public void Lm_head_left_alone_in_a_model_of_nothing_else_leaves_nothing_to_quantize()
    {
        var source = _temp.Combine("lm-head-only");
        OneMatMulModel.Write(source, new float[32 * 8], 32, 8, outputName: "logits");

        var error = Quantize(source, new QuantizationOptions(Precision.Int4, QuantizeLmHead: false));

        Assert.Equal($"quantizeLmHead: false leaves no MatMul of {Path.Combine(source, "model.onnx")} to quantize", error.Message);
    }

    [Fact]
    public void A_non_empty_out_folder_holding_no_variant_is_left_alone()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "keep.txt"), "mine");

        var error = Quantize(tiny.Fp32, new QuantizationOptions(Precision.Int4), expectOutAbsent: false);

        Assert.Equal($"outputFolder: {Out} is not empty and holds no quantized model; choose a new or empty folder", error.Message);
        Assert.Equal(["keep.txt"], Directory.GetFiles(Out).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("model.onnx.data", 50_000)]
    [InlineData("model.onnx", 1_000)]
    [InlineData("quantization.json", 10)]
    public void A_write_failing_midway_leaves_no_folder_behind(string failingFile, long bytesBeforeFailure)
    {
        var error = Assert.ThrowsAny<InputException>(() => ModelQuantizer.Quantize(tiny.Fp32, Out, new QuantizationOptions(Precision.Int4),
            path => Path.GetFileName(path) == failingFile
                ? new FailingStream(path, bytesBeforeFailure, new IOException("No space left on device"))
                : new FileStream(path, FileMode.CreateNew)));

        Assert.Equal($"outputFolder: cannot write the model to {Out}: No space left on device", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Theory]
    [InlineData("model.onnx.data")]
    [InlineData("quantization.json")]
    public void A_signal_midway_stops_quantizing_and_leaves_no_folder_behind(string fileBeingWrittenAtTheSignal)
    {
        using var signal = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => ModelQuantizer.Quantize(tiny.Fp32, Out, new QuantizationOptions(Precision.Int4), path =>
        {
            if (Path.GetFileName(path) == fileBeingWrittenAtTheSignal)
                signal.Cancel();
            return new FileStream(path, FileMode.CreateNew);
        }, signal.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    private InputException Quantize(string source, QuantizationOptions options, bool expectOutAbsent = true)
    {
        var error = Assert.ThrowsAny<InputException>(() => ModelQuantizer.Quantize(source, Out, options));
        if (expectOutAbsent)
            Assert.False(Directory.Exists(Out));
        return error;
    }
}
