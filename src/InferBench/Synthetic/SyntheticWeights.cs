using System.Text;

namespace InferBench.Synthetic;

/// <summary>
/// The weights of a synthetic model, made on demand from the seed: the ONNX writer and any reference
/// implementation read the same values, and nothing holds more than one tensor at a time.
/// </summary>
/// <remarks>
/// Each tensor has its own <see cref="Xoshiro256StarStar"/> stream, seeded from SplitMix64(seed) XOR the FNV-1a hash of
/// the tensor's name, so a tensor's values depend only on the seed, its name and its size (adding a layer leaves
/// the others as they were). Values are drawn row-major. The scales are in <see cref="WeightInit"/>.
/// </remarks>
public sealed class SyntheticWeights
{
    private const float NormSpread = 0.1f;
    private readonly Dictionary<string, WeightTensor> _byName;

    public SyntheticWeights(SyntheticModelConfig config)
    {
        config.Validate();
        Config = config;
        Tensors = Layout(config);
        _byName = Tensors.ToDictionary(t => t.Name);
    }

    public SyntheticModelConfig Config { get; }

    /// <summary>Every initializer, in the order the external data file holds them.</summary>
    public IReadOnlyList<WeightTensor> Tensors { get; }

    public WeightTensor this[string name] => _byName.TryGetValue(name, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"the synthetic model has no tensor named {name}");

    /// <summary>A fresh array with the tensor's values, row-major; the same for the same seed on every call.</summary>
    public float[] Values(string name) => Values(this[name]);

    public float[] Values(WeightTensor tensor) => tensor.Init switch
    {
        WeightInit.Embedding => Uniform(tensor, center: 0, halfWidth: MathF.Sqrt(3)),
        WeightInit.Projection => Uniform(tensor, center: 0, halfWidth: (float)(1 / Math.Sqrt(tensor.Dimensions[0]))),
        WeightInit.Norm => Uniform(tensor, center: 1, halfWidth: NormSpread),
        WeightInit.RotaryCos => Rotary(tensor, Math.Cos),
        WeightInit.RotarySin => Rotary(tensor, Math.Sin),
        _ => throw new ArgumentOutOfRangeException(nameof(tensor), tensor.Init, "unknown weight init"),
    };

    private float[] Uniform(WeightTensor tensor, float center, float halfWidth)
    {
        var random = new Xoshiro256StarStar(StreamSeed(Config.Seed, tensor.Name));
        var values = new float[tensor.ElementCount];
        for (var i = 0; i < values.Length; i++)
            values[i] = center + halfWidth * random.NextSignedUnitFloat();
        return values;
    }

    /// <summary>Angles in double precision, rounded once to float (GenAI's builder computes them in float32).</summary>
    private float[] Rotary(WeightTensor tensor, Func<double, double> function)
    {
        var (positions, halfHeadSize) = (tensor.Dimensions[0], tensor.Dimensions[1]);
        var values = new float[tensor.ElementCount];
        for (var i = 0; i < halfHeadSize; i++)
        {
            var inverseFrequency = Math.Pow(Config.RopeTheta, -2.0 * i / Config.HeadSize);
            for (var position = 0; position < positions; position++)
                values[position * halfHeadSize + i] = (float)function(position * inverseFrequency);
        }
        return values;
    }

    private static ulong StreamSeed(int seed, string tensorName)
    {
        var state = (ulong)(uint)seed;
        var hash = 14695981039346656037UL; // FNV-1a 64-bit offset basis
        foreach (var b in Encoding.UTF8.GetBytes(tensorName))
            hash = (hash ^ b) * 1099511628211UL;
        return Xoshiro256StarStar.SplitMix64(ref state) ^ hash;
    }

    private static WeightTensor[] Layout(SyntheticModelConfig c)
    {
        var tensors = new List<WeightTensor>
        {
            new(LlamaTensorNames.Embedding, [c.VocabSize, c.HiddenSize], WeightInit.Embedding),
            new(LlamaTensorNames.CosCache, [c.ContextLength, c.HeadSize / 2], WeightInit.RotaryCos),
            new(LlamaTensorNames.SinCache, [c.ContextLength, c.HeadSize / 2], WeightInit.RotarySin),
        };
        for (var layer = 0; layer < c.Layers; layer++)
        {
            tensors.Add(new(LlamaTensorNames.InputNorm(layer), [c.HiddenSize], WeightInit.Norm));
            tensors.Add(new(LlamaTensorNames.QkvProjection(layer), [c.HiddenSize, c.QkvSize], WeightInit.Projection));
            tensors.Add(new(LlamaTensorNames.OutputProjection(layer), [c.AttentionHeads * c.HeadSize, c.HiddenSize], WeightInit.Projection));
            tensors.Add(new(LlamaTensorNames.PostAttentionNorm(layer), [c.HiddenSize], WeightInit.Norm));
            if (c.Layout?.FusedGateUp == true)
                tensors.Add(new(LlamaTensorNames.GateUpProjection(layer), [c.HiddenSize, 2 * c.IntermediateSize], WeightInit.Projection));
            else
            {
                tensors.Add(new(LlamaTensorNames.GateProjection(layer), [c.HiddenSize, c.IntermediateSize], WeightInit.Projection));
                tensors.Add(new(LlamaTensorNames.UpProjection(layer), [c.HiddenSize, c.IntermediateSize], WeightInit.Projection));
            }
            tensors.Add(new(LlamaTensorNames.DownProjection(layer), [c.IntermediateSize, c.HiddenSize], WeightInit.Projection));
        }
        tensors.Add(new(LlamaTensorNames.FinalNorm(c.Layers), [c.HiddenSize], WeightInit.Norm));
        if (c.Layout?.TiedEmbeddings != true)
            tensors.Add(new(LlamaTensorNames.LmHead, [c.HiddenSize, c.VocabSize], WeightInit.Projection));
        return tensors.ToArray();
    }
}
