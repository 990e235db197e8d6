using InferBench.Engines.GenAi;
using InferBench.Engines.GenAiServing;

namespace InferBench.Engines;

/// <summary>The engines this build has: adding an engine is its folder under Engines/ and one line in <see cref="All"/>.</summary>
public static class InferenceEngines
{
    /// <summary>Every engine, the default first.</summary>
    public static IReadOnlyList<IInferenceEngine> All { get; } =
    [
        new GenAiGeneratorEngine(),
    ];

    /// <summary>The engine a run uses: GenAI's Generator.</summary>
    public static IInferenceEngine Default => All[0];

    /// <summary>Every serving engine (<c>serve --engine</c>), the default first.</summary>
    public static IReadOnlyList<IServingEngine> Serving { get; } =
    [
        new GenAiServingEngine(),
    ];
}
