using System.Diagnostics;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Engines.GenAi;

/// <summary>
/// The measured inner loop: one GenerateNextToken per step and one Stopwatch timestamp after it,
/// written into storage reserved before the loop so nothing allocates while it runs.
/// </summary>
public static class DecodeLoop
{
    public static void Run(Generator generator, Span<long> stepEndTimestamps)
    {
        for (var i = 0; i < stepEndTimestamps.Length; i++)
        {
            generator.GenerateNextToken();
            stepEndTimestamps[i] = Stopwatch.GetTimestamp();
        }
    }
}
