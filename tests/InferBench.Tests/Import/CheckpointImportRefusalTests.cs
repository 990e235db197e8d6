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
        { "a number as a string", folder => EditConfig(folder, c => c["rope_theta"] = "NaN"),
            ["config.json: rope_theta: expected a number above 0 that float32 holds (1.18E-38 to 3.4E+38), got \"NaN\""] },
        { "a rope_theta float32 cannot hold", folder => EditConfig(folder, c => c["rope_theta"] = 1e-300), ["config.json: rope_theta: expected a number above 0 that float32 holds"] },
        { "an rms_norm_eps float32 cannot hold", folder => EditConfig(folder, c => c["rms_norm_eps"] = 1e300), ["config.json: rms_norm_eps: expected a number above 0 that float32 holds"] },
        { "rotary angles beyond float32", folder => EditConfig(folder, c => c["rope_scaling"] = new JsonObject { ["rope_type"] = "linear", ["factor"] = 1.2e-38 }),
            ["config.json: rope_scaling: rope_theta 10000 (with rope_scaling linear) gives rotary pair 0 the inverse frequency", "over 256 positions are not finite float32 values"] },
        { "a context too long for one rotary table", folder => EditConfig(folder, c => c["max_position_embeddings"] = 100_000_000),
            ["config.json: max_position_embeddings: 100000000 positions × 8 rotary pairs make cos_cache and sin_cache of 3200000000 bytes each",
                "at most 2147483647 bytes (2 GiB), so at most 67108863 positions for head size 16"] },
        { "partial_rotary_factor as a string", folder => EditConfig(folder, c => c["partial_rotary_factor"] = "0.5"),
            ["config.json: partial_rotary_factor: \"0.5\": partial rotary embedding cannot be imported"] },
        { "a key given twice in config.json", folder => ReplaceInConfig(folder, "\"hidden_size\":64", "\"hidden_size\":64,\"hidden_size\":32"),
            ["config.json: not valid JSON (Duplicate property 'hidden_size'"] },
        { "a bos_token_id outside the vocabulary", folder => File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{"bos_token_id":512}"""),
            ["generation_config.json: bos_token_id: token id 512 is outside the vocabulary (vocab_size 512 in config.json)"] },
        { "an eos_token_id outside the vocabulary", folder => EditConfig(folder, c => c["eos_token_id"] = new JsonArray(2, 100_000)),
            ["config.json: eos_token_id: token id 100000 is outside the vocabulary"] },
        { "a temperature that is not a number", folder => File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{"temperature":"hot"}"""),
            ["generation_config.json: temperature: expected a number above 0 that float32 holds (1.18E-38 to 3.4E+38), got \"hot\""] },
        { "a negative top_k", folder => File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{"top_k":-5}"""),
            ["generation_config.json: top_k: expected an integer, 0 or more, got -5"] },
        { "a top_p above 1", folder => File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{"top_p":1.5}"""),
            ["generation_config.json: top_p: 1.5 is above 1 (a probability)"] },
        { "a generation_config.json that is not an object", folder => File.WriteAllText(Path.Combine(folder, "generation_config.json"), "[]"),
            ["generation_config.json: not a JSON object"] },
        { "a generation_config.json that is a folder", folder => Directory.CreateDirectory(Path.Combine(folder, "generation_config.json")),
            ["generation_config.json: a folder, not a file"] },
        { "a tokenizer.json that is a folder", folder => Directory.CreateDirectory(Path.Combine(folder, "tokenizer.json")),
            ["tokenizer.json: a folder, not a file"] },
        { "a tokenizer.json linked to a file outside the checkpoint", folder =>
            {
                var outside = Path.Combine(Path.GetDirectoryName(folder)!, "outside.json");
                File.WriteAllText(outside, "{}");
                File.CreateSymbolicLink(Path.Combine(folder, "tokenizer.json"), outside);
            },
            ["tokenizer.json: a link to ", "outside.json, outside the checkpoint folder"] },
        { "a named pipe as config.json", folder => MakeFifo(Path.Combine(folder, "config.json")),
            ["config.json: not a regular file (a named pipe, socket or device)"] },
        { "a named pipe as model.safetensors", folder => MakeFifo(Path.Combine(folder, "model.safetensors")),
            ["model.safetensors: not a regular file (a named pipe, socket or device)"] },
        { "a named pipe as tokenizer.json", folder => MakeFifo(Path.Combine(folder, "tokenizer.json")),
            ["tokenizer.json: not a regular file (a named pipe, socket or device)"] },
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
        { "a tensor named twice in a header", folder => WriteOne(folder,
                """{"model.norm.weight":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"model.norm.weight":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"""),
            ["model.safetensors: not a readable safetensors file: model.norm.weight appears twice in the header"] },
        { "two tensors sharing bytes", folder => WriteOne(folder,
                """{"model.norm.weight":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"lm_head.weight":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"""),
            ["model.safetensors: not a readable safetensors file: tensors model.norm.weight and lm_head.weight: their data_offsets overlap"] },
        { "__metadata__ that is not an object of strings", folder => WriteOne(folder,
                """{"__metadata__":5,"model.norm.weight":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"""),
            ["model.safetensors: not a readable safetensors file: __metadata__ is not an object of strings: 5"] },
        { "a shape whose size overflows", folder => WriteOne(folder,
                """{"model.norm.weight":{"dtype":"F32","shape":[4294967296,4294967296,2147483648],"data_offsets":[0,8]}}"""),
            ["model.safetensors: not a readable safetensors file: tensor model.norm.weight: shape [4294967296,4294967296,2147483648] holds too many values"] },
        { "an index that is not an object", folder => File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), "[]"),
            ["model.safetensors.index.json: not a JSON object"] },
        { "an index file name that is not a string", folder => WriteIndex(folder, """{"model.norm.weight":5}"""),
            ["model.safetensors.index.json: weight_map.model.norm.weight: 5 is not a file name in the checkpoint folder"] },
        { "an index file name that is the parent folder", folder => WriteIndex(folder, """{"model.norm.weight":".."}"""),
            ["model.safetensors.index.json: weight_map.model.norm.weight: \"..\" is not a file name in the checkpoint folder"] },
        { "an index that lists a folder", folder =>
            {
                Directory.CreateDirectory(Path.Combine(folder, "sub"));
                WriteIndex(folder, """{"model.norm.weight":"sub"}""");
            },
            ["sub: a folder, not a file"] },
        { "an empty weight_map", folder => WriteIndex(folder, "{}"), ["model.safetensors.index.json: weight_map: empty; it lists no tensor"] },
        { "a shard tensor the index does not list", folder =>
            {
                SafetensorsTestFile.Write(Path.Combine(folder, "a.safetensors"),
                    [new("model.norm.weight", SafetensorsDType.F32, [64], new float[64]), new("model.layers.0.self_attn.o_proj.bias", SafetensorsDType.F32, [64], new float[64])]);
                WriteIndex(folder, """{"model.norm.weight":"a.safetensors"}""");
            },
            ["model.safetensors.index.json: weight_map does not list tensor model.layers.0.self_attn.o_proj.bias, which a.safetensors holds; importing would drop it"] },
        { "a tensor in two shards", folder =>
            {
                SafetensorsTestFile.Write(Path.Combine(folder, "a.safetensors"), [new("model.norm.weight", SafetensorsDType.F32, [64], new float[64])]);
                SafetensorsTestFile.Write(Path.Combine(folder, "b.safetensors"),
                    [new("lm_head.weight", SafetensorsDType.F32, [1], new float[1]), new("model.norm.weight", SafetensorsDType.F32, [64], new float[64])]);
                WriteIndex(folder, """{"model.norm.weight":"a.safetensors","lm_head.weight":"b.safetensors"}""");
            },
            ["model.safetensors.index.json: tensor model.norm.weight is in both a.safetensors and b.safetensors"] },
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
        if (what.StartsWith("a named pipe", StringComparison.Ordinal) && OperatingSystem.IsWindows())
            return;
        var tied = what == "an lm_head missing from an untied checkpoint";
        var checkpoint = _temp.Combine("checkpoint");
        new SyntheticCheckpoint(new SyntheticWeights(SyntheticModelPresets.Tiny with { Layout = tied ? new SyntheticLayout(TiedEmbeddings: true) : null })).Write(checkpoint);
        damage(checkpoint);

        AssertRefused(checkpoint, expectedMessage);
    }

    [Fact]
    public void Weights_beyond_fp16_range_are_refused_for_an_fp16_model_naming_the_tensor_and_the_largest()
    {
        var checkpoint = _temp.Combine("checkpoint");
        var tiny = SyntheticModelPresets.Tiny;
        new SyntheticCheckpoint(new SyntheticWeights(tiny)).Write(checkpoint);
        var norm = Enumerable.Repeat(1f, tiny.HiddenSize).ToArray();
        norm[3] = 1e6f;
        norm[5] = -70_000f;
        ReplaceTensor(checkpoint, "model.norm.weight", norm);

        AssertRefused(checkpoint, ["2 weight(s) beyond fp16's range (±65504), the largest of magnitude 1000000: precision fp16 would make them infinite"], "--precision", "fp16");
        Assert.Equal(0, CliRun.Invoke("models", "import", checkpoint, "--out", _temp.Combine("fp32")).ExitCode);
    }

    private void AssertRefused(string checkpoint, string[] expectedMessage, params string[] options)
    {
        var output = _temp.Combine("out");

        var run = CliRun.Invoke(["models", "import", checkpoint, "--out", output, .. options]);

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

    private static void WriteIndex(string folder, string weightMap) =>
        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), $$"""{"weight_map":{{weightMap}}}""");

    private static void MakeFifo(string path)
    {
        File.Delete(path);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>Rewrites model.safetensors with <paramref name="name"/>'s values replaced (same shape).</summary>
    private static void ReplaceTensor(string folder, string name, float[] values)
    {
        var path = Path.Combine(folder, "model.safetensors");
        var tensors = SafetensorsHeader.Read(path).Select(t =>
        {
            var read = new float[t.ElementCount];
            CheckpointWeights.Read(t, 0, read);
            return new SafetensorsTestFile.Tensor(t.Name, t.DType, [.. t.Shape], t.Name == name ? values : read);
        }).ToList();
        SafetensorsTestFile.Write(path, tensors);
    }

    private static void WriteOne(string folder, string header) =>
        SafetensorsTestFile.WriteRaw(Path.Combine(folder, "model.safetensors"), Encoding.UTF8.GetBytes(header), new byte[8]);
}
