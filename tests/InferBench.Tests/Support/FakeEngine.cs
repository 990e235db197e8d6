using InferBench.Engines;
using InferBench.Models;
using InferBench.Results;
using InferBench.Telemetry.Power;

namespace InferBench.Tests.Support;

/// <summary>
/// An engine for tests of the sweep, with no runtime behind it: every repetition is the sample <see cref="Sample"/> makes
/// (by default <see cref="Timed"/> with fixed phase lengths), and the failures a test scripts are thrown where it says, at
/// load (<see cref="LoadFailure"/>) or at a repetition (<see cref="Failure"/>). It is its own model and repetition runner,
/// and is not one of <see cref="InferenceEngines.All"/>.
/// </summary>
public sealed class FakeEngine : IInferenceEngine, IEngineModel, IRepetitionRunner
{
    public const double PrefillSeconds = 0.010;
    public const double FirstTokenSeconds = 0.002;
    public const double StepSeconds = 0.004;

    private PlanPoint? _point;

    public string Name => "fake";

    public string Description => "a test double with scripted timings and failures";

    /// <summary>What <see cref="Load"/> throws; null: it loads.</summary>
    public EngineException? LoadFailure { get; init; }

    /// <summary>What a repetition throws, by its point, phase and iteration; null: it runs.</summary>
    public Func<PlanPoint, RepetitionPhase, int, EngineException?> Failure { get; init; } = (_, _, _) => null;

    /// <summary>A repetition's sample, by its point, phase and iteration.</summary>
    public Func<PlanPoint, RepetitionPhase, int, RepetitionSample> Sample { get; init; } =
        (point, phase, iteration) => Timed(point, phase, iteration, PrefillSeconds, FirstTokenSeconds, StepSeconds);

    /// <summary>Every repetition run, a failed one included, in order.</summary>
    public List<(PlanPoint Point, RepetitionPhase Phase, int Iteration)> Runs { get; } = [];

    public int Disposals { get; private set; }

    /// <summary>A sample of the point's gen tokens: the prefill, the first token, then every decode step as long as the others.</summary>
    public static RepetitionSample Timed(
        PlanPoint point, RepetitionPhase phase, int iteration, double prefillSeconds, double firstTokenSeconds, double stepSeconds)
    {
        var steps = point.GenTokens - 1;
        var timeToFirstToken = prefillSeconds + firstTokenSeconds;
        return new RepetitionSample(phase, iteration, point.GenTokens, prefillSeconds, timeToFirstToken, steps * stepSeconds,
            timeToFirstToken + steps * stepSeconds, Enumerable.Repeat(stepSeconds * 1000, steps).ToArray());
    }

    /// <summary>A model folder the sweep can read (its genai_config.json and an empty decoder file), for this engine to "load".</summary>
    public static string ModelFolder(string folder, int vocabSize = 100, int contextLength = 512)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, GenAiModelFolder.ConfigFileName),
            $$"""{ "model": { "type": "fake", "vocab_size": {{vocabSize}}, "context_length": {{contextLength}}, "decoder": { "filename": "model.onnx" } } }""");
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), []);
        return folder;
    }

    public IEngineModel Load(string folderPath, ExecutionProvider executionProvider, int? intraOpThreads, IReadOnlyList<ProviderOption>? providerOptions = null) =>
        LoadFailure is null ? this : throw LoadFailure;

    public int[] Tokenize(string text) => throw new NotSupportedException("the fake engine has no tokenizer");

    public IRepetitionRunner RepetitionRunner(PlanPoint point, PowerMeter? meter)
    {
        _point = point;
        return this;
    }

    public RepetitionSample Run(int[] promptTokens, RepetitionPhase phase, int iteration)
    {
        var point = _point ?? throw new InvalidOperationException("RepetitionRunner was not called before Run");
        Runs.Add((point, phase, iteration));
        return Failure(point, phase, iteration) is { } failure ? throw failure : Sample(point, phase, iteration);
    }

    public float[] Logits(int[] tokens) => throw new NotSupportedException("the fake engine gives no logits");

    public void Dispose() => Disposals++;
}
