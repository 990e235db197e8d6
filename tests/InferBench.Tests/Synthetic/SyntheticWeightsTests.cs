using InferBench.Tests.Support;
using InferBench.Synthetic;

namespace InferBench.Tests.Synthetic;

public sealed class SyntheticWeightsTests
{
    private static readonly SyntheticWeights Tiny = new(SyntheticModelPresets.Tiny);

    [Fact]
    public void Parameter_count_is_the_sum_of_the_weights_a_forward_pass_reads()
    {
        var counted = Tiny.Tensors
            .Where(t => t.Init is not (WeightInit.RotaryCos or WeightInit.RotarySin))
            .Sum(t => t.ElementCount);

        Assert.Equal(counted, Tiny.Config.ParameterCount);
        Assert.Equal(158_016, Tiny.Config.ParameterCount);
    }

    [Fact]
    public void The_small_preset_has_50_to_100_million_parameters()
    {
        Assert.InRange(SyntheticModelPresets.Small.ParameterCount, 50_000_000, 100_000_000);
    }

    [Fact]
    public void The_same_seed_gives_the_same_values_and_another_seed_other_values()
    {
        var again = new SyntheticWeights(SyntheticModelPresets.Tiny);
        var reseeded = new SyntheticWeights(SyntheticModelPresets.Tiny with { Seed = 2 });

        foreach (var tensor in Tiny.Tensors)
        {
            Assert.Equal(Tiny.Values(tensor), again.Values(tensor));
            if (tensor.Init is not (WeightInit.RotaryCos or WeightInit.RotarySin))
                Assert.NotEqual(Tiny.Values(tensor), reseeded.Values(tensor));
        }
    }

    [Fact]
    public void Values_follow_the_documented_algorithm()
    {
        // From a separate Python transcription: xoshiro256** seeded with SplitMix64(seed 1) XOR FNV-1a("model.embed_tokens.weight"),
        // top 24 bits as a signed unit value, times √3.
        float[] expected = [0.375518262386322f, -0.9527081847190857f, -0.17029276490211487f, -0.850019097328186f];

        Assert.Equal(expected, Tiny.Values(LlamaTensorNames.Embedding)[..4]);
    }

    [Fact]
    public void Projections_are_uniform_within_one_over_root_fan_in()
    {
        var tensor = Tiny[LlamaTensorNames.GateProjection(1)];
        var bound = 1 / Math.Sqrt(tensor.Dimensions[0]);
        var values = Tiny.Values(tensor);

        Assert.All(values, v => Assert.InRange(v, -bound, bound));
        Assert.InRange(StandardDeviation(values), 0.9 * bound / Math.Sqrt(3), 1.1 * bound / Math.Sqrt(3));
    }

    [Fact]
    public void Embeddings_have_unit_spread_and_norm_weights_stay_near_one()
    {
        Assert.InRange(StandardDeviation(Tiny.Values(LlamaTensorNames.Embedding)), 0.95, 1.05);
        Assert.All(Tiny.Values(LlamaTensorNames.InputNorm(0)), v => Assert.InRange(v, 0.9f, 1.1f));
        Assert.NotEqual(Tiny.Values(LlamaTensorNames.InputNorm(0)), Tiny.Values(LlamaTensorNames.InputNorm(1)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 3)]
    [InlineData(255, 7)]
    public void Rotary_tables_hold_cos_and_sin_of_position_times_inverse_frequency(int position, int pair)
    {
        var config = Tiny.Config;
        var angle = position * Math.Pow(config.RopeTheta, -2.0 * pair / config.HeadSize);
        var index = position * (config.HeadSize / 2) + pair;

        Assert.Equal(Math.Cos(angle), Tiny.Values(LlamaTensorNames.CosCache)[index], 1e-6);
        Assert.Equal(Math.Sin(angle), Tiny.Values(LlamaTensorNames.SinCache)[index], 1e-6);
    }

    [Fact]
    public void Activations_stay_finite_and_logits_spread_through_many_layers()
    {
        var deep = new SyntheticWeights(SyntheticModelPresets.Tiny with { Layers = 24 });

        var logits = new ReferenceLlama(deep).Logits([3, 141, 59, 265, 358, 97, 93, 238]);

        Assert.All(logits.SelectMany(l => l), v => Assert.True(double.IsFinite(v) && Math.Abs(v) < 20, $"logit {v}"));
        Assert.All(logits, l => Assert.InRange(StandardDeviation(l.Select(v => (float)v).ToArray()), 0.1, 5));
    }

    private static double StandardDeviation(float[] values)
    {
        var mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
