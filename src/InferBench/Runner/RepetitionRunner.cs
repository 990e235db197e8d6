using System.Diagnostics;
using InferBench.Results;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Runner;

/// <summary>Runs one repetition of a plan point (a full greedy generation) and times its phases.</summary>
public sealed class RepetitionRunner(Model model, PlanPoint point)
{
    private readonly long[] _stepEndTimestamps = new long[point.GenTokens - 1];

    public RepetitionSample Run(int[] promptTokens, RepetitionPhase phase, int iteration)
    {
        using var generatorParams = new GeneratorParams(model);
        // min_length = max_length: generation cannot stop early at an EOS token.
        generatorParams.SetSearchOption("max_length", point.TotalTokensPerSequence);
        generatorParams.SetSearchOption("min_length", point.TotalTokensPerSequence);
        generatorParams.SetSearchOption("batch_size", point.BatchSize);
        generatorParams.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, generatorParams);

        var start = Stopwatch.GetTimestamp();
        generator.AppendTokens(promptTokens);
        var prefillEnd = Stopwatch.GetTimestamp();
        generator.GenerateNextToken();
        var firstTokenEnd = Stopwatch.GetTimestamp();
        DecodeLoop.Run(generator, _stepEndTimestamps);
        var end = _stepEndTimestamps.Length > 0 ? _stepEndTimestamps[^1] : firstTokenEnd;

        var generatedTokens = GeneratedTokensPerSequence(generator);
        return new RepetitionSample(
            phase,
            iteration,
            generatedTokens,
            PrefillSeconds: Seconds(start, prefillEnd),
            TimeToFirstTokenSeconds: Seconds(start, firstTokenEnd),
            DecodeSeconds: Seconds(firstTokenEnd, end),
            EndToEndSeconds: Seconds(start, end),
            DecodeStepMilliseconds: StepMilliseconds(firstTokenEnd));
    }

    private double[] StepMilliseconds(long firstTokenEnd)
    {
        var milliseconds = new double[_stepEndTimestamps.Length];
        var previous = firstTokenEnd;
        for (var i = 0; i < milliseconds.Length; i++)
        {
            milliseconds[i] = Seconds(previous, _stepEndTimestamps[i]) * 1000;
            previous = _stepEndTimestamps[i];
        }
        return milliseconds;
    }

    // Straight from ticks: TimeSpan would round to 100 ns, coarser than Stopwatch on most hosts.
    private static double Seconds(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) / (double)Stopwatch.Frequency;

    /// <summary>Checks that every row generated exactly the planned number of tokens, and returns it.</summary>
    private int GeneratedTokensPerSequence(Generator generator)
    {
        for (var row = 0; row < point.BatchSize; row++)
        {
            var generated = generator.GetSequence((ulong)row).Length - point.PromptTokens;
            if (generated != point.GenTokens)
                throw new InvalidOperationException(
                    $"sequence {row} generated {generated} tokens instead of the planned {point.GenTokens}");
        }
        return point.GenTokens;
    }
}
