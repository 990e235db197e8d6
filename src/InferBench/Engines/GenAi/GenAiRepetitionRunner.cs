using System.Diagnostics;
using InferBench.Results;
using InferBench.Telemetry.Power;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Engines.GenAi;

/// <summary>
/// Runs one repetition of a plan point (a full greedy generation on one GenAI <c>Generator</c>) and times its phases. With
/// a power meter, a measured repetition also gets a prefill and a decode energy window; the meter's readings happen
/// between the timed intervals, so they never add to a timing.
/// </summary>
internal sealed class GenAiRepetitionRunner(Model model, PlanPoint point, PowerMeter? meter) : IRepetitionRunner
{
    private readonly long[] _stepEndTimestamps = new long[point.GenTokens - 1];

    public RepetitionSample Run(int[] promptTokens, RepetitionPhase phase, int iteration)
    {
        try
        {
            return Generate(promptTokens, phase, iteration);
        }
        catch (OnnxRuntimeGenAIException e)
        {
            throw GenAiErrors.Translate(e, point.BatchSize);
        }
    }

    private RepetitionSample Generate(int[] promptTokens, RepetitionPhase phase, int iteration)
    {
        using var generatorParams = new GeneratorParams(model);
        // min_length = max_length: generation cannot stop early at an EOS token.
        generatorParams.SetSearchOption("max_length", point.TotalTokensPerSequence);
        generatorParams.SetSearchOption("min_length", point.TotalTokensPerSequence);
        generatorParams.SetSearchOption("batch_size", point.BatchSize);
        generatorParams.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, generatorParams);
        var energyMeter = phase == RepetitionPhase.Measured ? meter : null;

        var prefillWindow = energyMeter?.BeginWindow(PowerPhase.Prefill);
        var start = Stopwatch.GetTimestamp();
        generator.AppendTokens(promptTokens);
        var prefillEnd = Stopwatch.GetTimestamp();
        var prefillEnergy = prefillWindow?.End();

        var firstTokenStart = Stopwatch.GetTimestamp();
        generator.GenerateNextToken();
        var firstTokenEnd = Stopwatch.GetTimestamp();

        var decodeWindow = energyMeter?.BeginWindow(PowerPhase.Decode);
        var decodeStart = Stopwatch.GetTimestamp();
        DecodeLoop.Run(generator, _stepEndTimestamps);
        var decodeEnd = _stepEndTimestamps.Length > 0 ? _stepEndTimestamps[^1] : decodeStart;
        var decodeEnergy = decodeWindow?.End();

        var generatedTokens = GeneratedTokensPerSequence(generator);
        var timeToFirstToken = Seconds(start, prefillEnd) + Seconds(firstTokenStart, firstTokenEnd);
        var decodeSeconds = Seconds(decodeStart, decodeEnd);
        return new RepetitionSample(
            phase,
            iteration,
            generatedTokens,
            PrefillSeconds: Seconds(start, prefillEnd),
            TimeToFirstTokenSeconds: timeToFirstToken,
            DecodeSeconds: decodeSeconds,
            EndToEndSeconds: timeToFirstToken + decodeSeconds,
            DecodeStepMilliseconds: StepMilliseconds(decodeStart),
            PrefillEnergy: ToPhaseEnergy(prefillEnergy),
            DecodeEnergy: ToPhaseEnergy(decodeEnergy));
    }

    private static PhaseEnergy? ToPhaseEnergy(PowerWindowResult? window) =>
        window is null ? null : new PhaseEnergy(JsonEnumName.Of(window.Status), window.Energy?.Joules);

    private double[] StepMilliseconds(long decodeStart)
    {
        var milliseconds = new double[_stepEndTimestamps.Length];
        var previous = decodeStart;
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
