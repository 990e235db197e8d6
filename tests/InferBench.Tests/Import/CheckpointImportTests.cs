using System.Text.Json.Nodes;
using InferBench.Import;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;
using Microsoft.ML.OnnxRuntimeGenAI;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Tests.Import;

/// <summary>
/// Checkpoints written from synthetic weights in each architecture's layout import to a model whose logits, run by ONNX
/// Runtime GenAI, are the plain C# reference's on the same weights; conversions are exact.
/// </summary>
public sealed class CheckpointImportTests : IDisposable
{
    private const double ReferenceTolerance = 1e-4;
    private static readonly int[] Prompt = [5, 9, 100, 7, 3, 200, 11, 12, 480, 64, 1, 33];
    private static readonly SyntheticModelConfig Tiny = SyntheticModelPresets.Tiny;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("llama", 1, false)]
    [InlineData("llama", 1, true)]
    [InlineData("mistral", 3, false)]
    [InlineData("phi3", 1, false)]
    [InlineData("phi3", 2, true)]
    public void A_float32_checkpoint_imports_to_the_reference_logits(string modelType, int shards, bool tiedEmbeddings)
    {
        var config = Tiny with { Layout = tiedEmbeddings ? new SyntheticLayout(TiedEmbeddings: true) : null };
        var weights = new SyntheticWeights(config);
        var folder = Import(new SyntheticCheckpoint(weights, modelType, Shards: shards));

        AssertLogitsMatch(folder, new ReferenceLlama(weights));
        var genai = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "genai_config.json")))!["model"]!;
        Assert.Equal(modelType, (string)genai["type"]!);
        Assert.Equal((1, 2, 2, config.ContextLength), ((int)genai["bos_token_id"]!, (int)genai["eos_token_id"]!, (int)genai["pad_token_id"]!, (int)genai["context_length"]!));
        var initializers = ImportedInitializer.Names(folder);
        Assert.Equal(!tiedEmbeddings, initializers.Contains(LlamaTensorNames.LmHead));
        // GenAI's builder unpacks Phi-3's fused gate_up_proj into gate and up MatMuls.
        Assert.Contains(LlamaTensorNames.GateProjection(0), initializers);
    }

    [Fact]
    public void Qwen2s_q_k_v_biases_become_one_packed_add_after_the_qkv_matmul()
    {
        var weights = new SyntheticWeights(Tiny);
        float[] Bias(int layer) => SyntheticCheckpoint.RandomBias(layer, Tiny.QkvSize);
        var folder = Import(new SyntheticCheckpoint(weights, "qwen2") { QkvBias = Bias });

        AssertLogitsMatch(folder, new ReferenceLlama(weights, qkvBias: Bias));
        Assert.Equal(Bias(1), ImportedInitializer.Read(folder, LlamaTensorNames.QkvBias(1)).Values);
        // Without its biases the model would compute something else: the test sees them.
        var withoutBias = new ReferenceLlama(weights).Logits(Prompt);
        var withBias = new ReferenceLlama(weights, qkvBias: Bias).Logits(Prompt);
        Assert.True(withoutBias.Zip(withBias).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second))) > 100 * ReferenceTolerance);
    }

    [Theory]
    [InlineData(SafetensorsDType.F16)]
    [InlineData(SafetensorsDType.BF16)]
    public void Half_width_checkpoint_tensors_widen_exactly_to_float32(SafetensorsDType dtype)
    {
        var weights = new SyntheticWeights(Tiny);
        var folder = Import(new SyntheticCheckpoint(weights, DType: dtype));

        Func<float, float> stored = dtype == SafetensorsDType.F16 ? v => (float)(Half)v : SafetensorsTestFile.RoundToBFloat16;
        foreach (var name in new[] { LlamaTensorNames.Embedding, LlamaTensorNames.QkvProjection(1), LlamaTensorNames.FinalNorm(Tiny.Layers), LlamaTensorNames.LmHead })
        {
            var initializer = ImportedInitializer.Read(folder, name);
            Assert.Equal(DataType.Float, initializer.Type);
            Assert.Equal(weights.Values(name).Select(stored), initializer.Values);
        }
        Assert.NotEqual(weights.Values(LlamaTensorNames.Embedding), ImportedInitializer.Read(folder, LlamaTensorNames.Embedding).Values);
    }

    [Fact]
    public void At_fp16_every_weight_input_and_output_is_float16_and_the_logits_stay_near_the_reference()
    {
        var weights = new SyntheticWeights(Tiny);
        var folder = Import(new SyntheticCheckpoint(weights, DType: SafetensorsDType.BF16), new ImportOptions(Precision.Fp16));

        var qkv = ImportedInitializer.Read(folder, LlamaTensorNames.QkvProjection(0));
        Assert.Equal(DataType.Float16, qkv.Type);
        Assert.Equal(weights.Values(LlamaTensorNames.QkvProjection(0)).Select(v => (float)(Half)SafetensorsTestFile.RoundToBFloat16(v)), qkv.Values);
        using var model = new Model(folder);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", 64);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens(Prompt);
        using var logits = generator.GetOutput("logits");
        Assert.Equal(ElementType.float16, logits.Type());
        var expected = new ReferenceLlama(weights).Logits(Prompt);
        var actual = logits.GetData<Half>().ToArray();
        for (var position = 0; position < Prompt.Length; position++)
            LogitAssert.Close(expected[position], [.. actual.AsSpan(position * Tiny.VocabSize, Tiny.VocabSize).ToArray().Select(h => (float)h)], 0.05, $"position {position}");
    }

    [Fact]
    public void The_cuda_target_asks_for_cuda_in_genai_config()
    {
        var folder = Import(new SyntheticCheckpoint(new SyntheticWeights(Tiny)), new ImportOptions(Precision.Fp16, ExecutionProvider.Cuda));

        var providers = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "genai_config.json")))!["model"]!["decoder"]!["session_options"]!["provider_options"]!;
        Assert.Equal("""[{"cuda":{}}]""", providers.ToJsonString());
    }

    [Theory]
    [InlineData("rope_scaling")]
    [InlineData("rope_parameters")]
    public void Llama3_rope_scaling_keeps_high_frequencies_and_divides_low_ones_by_the_factor(string field)
    {
        var checkpoint = new SyntheticCheckpoint(new SyntheticWeights(Tiny))
        {
            EditConfig = config =>
            {
                var rope = new JsonObject
                {
                    ["rope_type"] = "llama3", ["factor"] = 8.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 4.0, ["original_max_position_embeddings"] = 64,
                };
                // Transformers 5 moves rope_theta into rope_parameters.
                if (field == "rope_parameters")
                {
                    config.Remove("rope_theta");
                    rope["rope_theta"] = 500_000.0;
                }
                else
                    config["rope_theta"] = 500_000.0;
                config[field] = rope;
            },
        };
        var folder = Import(checkpoint);

        var half = Tiny.HeadSize / 2;
        var cos = ImportedInitializer.Read(folder, LlamaTensorNames.CosCache).Values;
        // Position 1's angles are the inverse frequencies: pair 0 (wavelength 2π, under 64 / 4) is kept, the last pair
        // (wavelength ~1e5, over 64 / 1) is divided by 8.
        Assert.Equal(Math.Cos(1), cos[half], 6);
        var lastFrequency = Math.Pow(500_000, -(double)(Tiny.HeadSize - 2) / Tiny.HeadSize);
        Assert.Equal(Math.Cos(100 * lastFrequency / 8), cos[100 * half + half - 1], 6);
    }

    [Fact]
    public void A_sliding_window_becomes_group_query_attentions_local_window_size()
    {
        var folder = Import(new SyntheticCheckpoint(new SyntheticWeights(Tiny), "mistral") { EditConfig = config => config["sliding_window"] = 128 });

        var attention = ImportedInitializer.Node(folder, "GroupQueryAttention");
        Assert.Equal(128, attention.Attribute.Single(a => a.Name == "local_window_size").I);
    }

    [Fact]
    public void Generation_configs_ids_and_sampling_settings_win_and_tokenizer_files_are_copied()
    {
        var checkpointFolder = _temp.Combine("checkpoint-gen");
        new SyntheticCheckpoint(new SyntheticWeights(Tiny)).Write(checkpointFolder);
        File.WriteAllText(Path.Combine(checkpointFolder, "generation_config.json"), """{"bos_token_id": 7, "eos_token_id": [8, 9], "do_sample": true, "temperature": 0.6, "top_p": 0.9}""");
        File.WriteAllText(Path.Combine(checkpointFolder, "tokenizer.json"), "{}");
        File.WriteAllText(Path.Combine(checkpointFolder, "tokenizer_config.json"), "{}");
        var folder = _temp.Combine("imported-gen");

        CheckpointImporter.Import(checkpointFolder, folder, new ImportOptions());

        var genai = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "genai_config.json")))!;
        Assert.Equal((7, "[8,9]", 8), ((int)genai["model"]!["bos_token_id"]!, genai["model"]!["eos_token_id"]!.ToJsonString(), (int)genai["model"]!["pad_token_id"]!));
        Assert.Equal((true, 0.6, 0.9, 50), ((bool)genai["search"]!["do_sample"]!, (double)genai["search"]!["temperature"]!, (double)genai["search"]!["top_p"]!, (int)genai["search"]!["top_k"]!));
        Assert.True(File.Exists(Path.Combine(folder, "tokenizer.json")) && File.Exists(Path.Combine(folder, "tokenizer_config.json")));
    }

    private string Import(SyntheticCheckpoint checkpoint, ImportOptions? options = null)
    {
        var name = $"{checkpoint.ModelType}-{checkpoint.DType}-{Guid.NewGuid():N}";
        var checkpointFolder = _temp.Combine("checkpoint-" + name);
        checkpoint.Write(checkpointFolder);
        var folder = _temp.Combine("imported-" + name);
        CheckpointImporter.Import(checkpointFolder, folder, options ?? new ImportOptions());
        return folder;
    }

    private static void AssertLogitsMatch(string folder, ReferenceLlama reference)
    {
        using var model = new Model(folder);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", 64);
        using var generator = new Generator(model, parameters);
        generator.AppendTokens(Prompt);
        using var logits = generator.GetOutput("logits");
        var expected = reference.Logits(Prompt);
        var actual = logits.GetData<float>();
        for (var position = 0; position < Prompt.Length; position++)
            LogitAssert.Close(expected[position], actual.Slice(position * Tiny.VocabSize, Tiny.VocabSize), ReferenceTolerance, $"position {position}");
    }
}
