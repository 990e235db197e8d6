using InferBench.Engines;
using InferBench.Fidelity;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Fidelity;

public sealed class FidelityMeterTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_model_against_itself_has_exactly_zero_kl_and_full_agreement()
    {
        var options = new FidelityOptions(Sequences: 3, SequenceLengthTokens: 40, IntraOpThreads: 1);

        var result = FidelityMeter.Measure(InferenceEngines.Default, tiny.Fp32, tiny.Fp32, options);

        FidelityAssert.Identical(result, positions: 120, onText: false);
    }

    [Fact]
    public void A_variant_against_itself_has_exactly_zero_kl_and_full_agreement()
    {
        var result = FidelityMeter.Measure(InferenceEngines.Default, tiny.Folder(Precision.Int4), tiny.Folder(Precision.Int4), new FidelityOptions(IntraOpThreads: 1));

        FidelityAssert.Identical(result, positions: 1024, onText: false);
    }

    [Fact]
    public void The_p99_is_not_below_the_mean_and_the_seed_decides_the_tokens()
    {
        var first = FidelityMeter.Measure(InferenceEngines.Default, tiny.Fp32, tiny.Folder(Precision.Int4), new FidelityOptions(Sequences: 2, Seed: 1, IntraOpThreads: 1));
        var again = FidelityMeter.Measure(InferenceEngines.Default, tiny.Fp32, tiny.Folder(Precision.Int4), new FidelityOptions(Sequences: 2, Seed: 1, IntraOpThreads: 1));
        var other = FidelityMeter.Measure(InferenceEngines.Default, tiny.Fp32, tiny.Folder(Precision.Int4), new FidelityOptions(Sequences: 2, Seed: 2, IntraOpThreads: 1));

        Assert.True(first.P99KlDivergenceNats >= first.MeanKlDivergenceNats);
        Assert.Equal(first.KlDivergenceNats.Percentiles, again.KlDivergenceNats.Percentiles);
        Assert.Equal(first with { KlDivergenceNats = again.KlDivergenceNats }, again);
        Assert.NotEqual(first.MeanKlDivergenceNats, other.MeanKlDivergenceNats);
    }

    [Fact]
    public void Models_with_different_vocabularies_are_not_compared()
    {
        var other = _temp.Combine("vocab300");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny with { VocabSize = 300 }, other);

        var error = Assert.Throws<FidelityException>(() => FidelityMeter.Measure(InferenceEngines.Default, tiny.Fp32, other, new FidelityOptions()));

        Assert.Equal($"{other} has a vocabulary of 300 tokens and {tiny.Fp32} one of 512: not variants of one model", error.Message);
    }

    [Fact]
    public void Sequences_longer_than_the_context_are_refused()
    {
        var error = Assert.Throws<FidelityException>(() =>
            FidelityMeter.Measure(InferenceEngines.Default, tiny.Fp32, tiny.Fp32, new FidelityOptions(SequenceLengthTokens: SyntheticModelPresets.Tiny.ContextLength)));

        Assert.Equal("sequences of 256 tokens do not fit a context of 256; use fewer tokens", error.Message);
    }

    [Fact]
    public void Token_sequences_are_seeded_and_within_the_vocabulary()
    {
        var first = TokenSequences.Create(seed: 7, sequences: 4, lengthTokens: 50, vocabSize: 100);

        Assert.Equal(first, TokenSequences.Create(seed: 7, sequences: 4, lengthTokens: 50, vocabSize: 100));
        Assert.NotEqual(first, TokenSequences.Create(seed: 8, sequences: 4, lengthTokens: 50, vocabSize: 100));
        Assert.All(first, sequence => Assert.Equal(50, sequence.Length));
        Assert.All(first.SelectMany(t => t), token => Assert.InRange(token, 0, 99));
        Assert.True(first.SelectMany(t => t).Distinct().Count() > 80, "uniform tokens should cover most of a 100-token vocabulary in 200 draws");
    }
}
