using System.Text;
using System.Text.Json.Nodes;
using InferBench.Import;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Import;

/// <summary>A checkpoint the importer cannot read is exit 2 with a message naming the file and the field or tensor, never a stack trace, and nothing is written.</summary>
public sealed class CheckpointImportRefusalTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, Action<string>, string[]> Damages => new()
    {
        { "unsupported model_type", folder => EditConfig(folder, c => c["model_type"] = "gpt2"),
            ["config.json: model_type: gpt2 cannot be imported; supported: llama, mistral, qwen2, phi3"] },
        { "no config.json", folder => File.Delete(Path.Combine(folder, "config.json")), ["config.json: no such file"] },
        { "NaN (Python's json) in config.json", folder => ReplaceInConfig(folder, "\"rms_norm_eps\":1E-05", "\"rms_norm_eps\":NaN"), ["config.json: not valid JSON", "LineNumber"] },
        { "a number as a string", folder => EditConfig(folder, c => c["rope_theta"] = "NaN"), ["config.json: rope_theta: expected a finite number above 0, got \"NaN\""] },
        { "a missing size", folder => EditConfig(folder, c => c.Remove("hidden_size")), ["config.json: hidden_size: missing"] },
        { "heads that do not divide kv heads", folder => EditConfig(folder, c => c["num_key_value_heads"] = 3), ["config.json: num_key_value_heads: 3 key/value heads do not divide num_attention_heads 4"] },
        { "an unsupported rope_scaling", folder => EditConfig(folder, c => c["rope_scaling"] = new JsonObject { ["rope_type"] = "yarn", ["factor"] = 4.0 }),
            ["config.json: rope_scaling.rope_type: yarn cannot be imported; supported: default, linear, llama3"] },
        { "no weights", folder => File.Delete(Path.Combine(folder, "model.safetensors")), ["no model.safetensors or model.safetensors.index.json"] },
        { "a header that is not JSON", folder => SafetensorsTestFile.WriteRaw(Path.Combine(folder, "model.safetensors"), "{not json"u8.ToArray(), []),
            ["model.safetensors: not a readable safetensors file: the header is not valid JSON"] },
        { "a header length beyond the file", folder => File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), [.. BitConverter.GetBytes(1000UL), .. new byte[10]]),
            ["model.safetensors: not a readable safetensors file: header length 1000 bytes does not fit the file (18 bytes)"] },
        { "a truncated file", folder => Truncate(Path.Combine(folder, "model.safetensors"), 4), ["model.safetensors: not a readable safetensors file: 4 bytes"] },
        { "a tensor type that cannot be imported", folder => WriteOne(folder, """{"model.embed_tokens.weight":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}"""),
            ["model.safetensors: not a readable safetensors file: tensor model.embed_tokens.weight: dtype I32 cannot be imported (F32, F16 and BF16 can)"] },
        { "offsets that disagree with the shape", folder => WriteOne(folder, """{"model.embed_tokens.weight":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"""),
            ["tensor model.embed_tokens.weight: data_offsets [0,4] hold 4 bytes; F32 [2] takes 8"] },
        { "a weight of the wrong shape", folder => EditConfig(folder, c => c["intermediate_size"] = 160),
            ["checkpoint tensor model.layers.0.mlp.gate_proj.weight (F32 [176, 64] in model.safetensors): expected shape [160, 64]"] },
        { "an lm_head missing from an untied checkpoint", folder => EditConfig(folder, c => c["tie_word_embeddings"] = false),
            ["the checkpoint has no tensor lm_head.weight"] },
        { "a tensor the layout has no place for", folder => new SyntheticCheckpoint(new SyntheticWeights(SyntheticModelPresets.Tiny))
            {
                ExtraTensors = [new("model.layers.1.self_attn.o_proj.bias", SafetensorsDType.F32, [64], new float[64])],
            }.Write(folder),
            ["1 tensor(s) the llama layout has no place for, so importing would drop them: model.layers.1.self_attn.o_proj.bias"] },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Is_refused_naming_the_file_and_the_field(string what, Action<string> damage, string[] expectedMessage)
    {
        var tied = what == "an lm_head missing from an untied checkpoint";
        var checkpoint = _temp.Combine("checkpoint");
        new SyntheticCheckpoint(new SyntheticWeights(SyntheticModelPresets.Tiny with { Layout = tied ? new SyntheticLayout(TiedEmbeddings: true) : null })).Write(checkpoint);
        damage(checkpoint);
        var output = _temp.Combine("out");

        var run = CliRun.Invoke("models", "import", checkpoint, "--out", output);

        Assert.Equal(2, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.All(expectedMessage, fragment => Assert.Contains(fragment, run.Error));
        Assert.False(Directory.Exists(output), "nothing is written");
    }

    [Fact]
    public void A_good_checkpoint_imports_from_the_command_line_and_says_what_it_wrote()
    {
        var checkpoint = _temp.Combine("checkpoint");
        new SyntheticCheckpoint(new SyntheticWeights(SyntheticModelPresets.Tiny), "qwen2") { QkvBias = layer => SyntheticCheckpoint.RandomBias(layer, SyntheticModelPresets.Tiny.QkvSize) }.Write(checkpoint);
        var output = _temp.Combine("out");

        var run = CliRun.Invoke("models", "import", checkpoint, "--out", output, "--precision", "fp16");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("qwen2 checkpoint imported to", run.Out);
        Assert.Contains("precision:  fp16 for cpu", run.Out);
        Assert.Equal("qwen2", ImportStamp.TryRead(output)!.ModelType);
    }

    private static void EditConfig(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }

    private static void ReplaceInConfig(string folder, string from, string to)
    {
        var path = Path.Combine(folder, "config.json");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    private static void Truncate(string path, int bytes)
    {
        using var file = File.OpenWrite(path);
        file.SetLength(bytes);
    }

    private static void WriteOne(string folder, string header) =>
        SafetensorsTestFile.WriteRaw(Path.Combine(folder, "model.safetensors"), Encoding.UTF8.GetBytes(header), new byte[8]);
}
