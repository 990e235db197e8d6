using InferBench.Synthetic;
using InferBench.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace InferBench.Tests.Synthetic;

/// <summary>The model passes ONNX Runtime's own checks, outside GenAI: it loads with strict shape inference and runs.</summary>
public sealed class OnnxRuntimeSessionTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>
{
    private readonly ReferenceLlama _reference = new(tiny.Weights);

    private SyntheticModelConfig Config => tiny.Weights.Config;

    [Fact]
    public void Loads_with_strict_shape_inference_and_declares_the_genai_inputs_and_outputs()
    {
        using var session = NewSession();

        Assert.Equal(["input_ids", "attention_mask", .. KvNames("past_key_values.{0}.key", "past_key_values.{0}.value")], session.InputMetadata.Keys);
        Assert.Equal(["logits", .. KvNames("present.{0}.key", "present.{0}.value")], session.OutputMetadata.Keys);
        Assert.Equal([-1, -1, Config.VocabSize], session.OutputMetadata["logits"].Dimensions);
        Assert.Equal(["batch_size", "sequence_length", ""], session.OutputMetadata["logits"].SymbolicDimensions);
        Assert.Equal([-1, Config.KeyValueHeads, -1, Config.HeadSize], session.InputMetadata["past_key_values.0.key"].Dimensions);
        Assert.Equal([-1, Config.KeyValueHeads, -1, Config.HeadSize], session.OutputMetadata["present.1.value"].Dimensions);
        Assert.All(session.OutputMetadata.Values, output => Assert.Equal(typeof(float), output.ElementType));
    }

    [Fact]
    public void A_prompt_pass_gives_every_output_its_declared_shape_and_the_reference_logits()
    {
        int[][] prompts = [[5, 9, 100, 7, 3], [400, 2, 18, 250, 77]];
        var (batch, length) = (prompts.Length, prompts[0].Length);
        using var session = NewSession();
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(prompts.SelectMany(p => p.Select(t => (long)t)).ToArray(), [batch, length])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Enumerable.Repeat(1L, batch * length).ToArray(), [batch, length])),
        };
        foreach (var name in KvNames("past_key_values.{0}.key", "past_key_values.{0}.value"))
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>([batch, Config.KeyValueHeads, 0, Config.HeadSize])));

        using var outputs = session.Run(inputs);

        var byName = outputs.ToDictionary(o => o.Name, o => o.AsTensor<float>());
        Assert.Equal([batch, length, Config.VocabSize], byName["logits"].Dimensions.ToArray());
        foreach (var name in KvNames("present.{0}.key", "present.{0}.value"))
            Assert.Equal([batch, Config.KeyValueHeads, length, Config.HeadSize], byName[name].Dimensions.ToArray());
        var logits = byName["logits"].ToArray();
        for (var row = 0; row < batch; row++)
        {
            var expected = _reference.Logits(prompts[row]);
            for (var position = 0; position < length; position++)
                LogitAssert.Close(expected[position], logits.AsSpan((row * length + position) * Config.VocabSize, Config.VocabSize), 1e-4, $"row {row}, position {position}");
        }
    }

    private InferenceSession NewSession()
    {
        using var options = new SessionOptions();
        // Fail the load where ONNX Runtime's inferred type or shape of any value contradicts what the graph declares.
        options.AddSessionConfigEntry("session.strict_shape_type_inference", "1");
        return new InferenceSession(Path.Combine(tiny.Fp32, SyntheticModelWriter.ModelFileName), options);
    }

    private string[] KvNames(string keyPattern, string valuePattern) => Enumerable.Range(0, Config.Layers)
        .SelectMany(layer => new[] { string.Format(keyPattern, layer), string.Format(valuePattern, layer) })
        .ToArray();
}
