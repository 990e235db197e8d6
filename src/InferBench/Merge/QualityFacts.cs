using InferBench.Reports;
using InferBench.Results;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Merge;

/// <summary>
/// What a model's quality figures in one run (top-1 agreement, KL, perplexity change) rest on: the method, the reference
/// variant, the evaluation text (name and SHA-256), the tokens scored and the window. Runs whose facts for a model differ
/// from most runs' that measured that model are flagged not comparable on them for that model.
/// </summary>
public static class QualityFacts
{
    /// <summary>Hex digits of the text's SHA-256 a flag shows.</summary>
    private const int ShownHashDigits = 16;

    /// <summary>Each fact's name and its value for <paramref name="model"/> in <paramref name="run"/>, in a fixed order; null
    /// where the run measured no quality of the model (off, or unavailable).</summary>
    public static IReadOnlyList<(string Name, string Value)>? Of(RunResult run, string model)
    {
        var quality = run.Results.Where(row => row.Model == model).Select(row => row.Quality).FirstOrDefault(quality => quality is { UnavailableReason: null });
        if (quality is null)
            return null;
        var text = quality.Method != QualityMethod.RandomTokens && run.EvaluationText is { } record
            ? $"{record.Name}, SHA-256 {record.Sha256[..Math.Min(ShownHashDigits, record.Sha256.Length)]}"
            : "none";
        return
        [
            ("quality method", JsonEnumName.Of(quality.Method)),
            ("quality reference", quality.Reference ?? "none"),
            ("quality text", text),
            ("quality tokens", quality.ScoredTokens is { } tokens ? Integer(tokens) : "none"),
            ("quality window", QualityText.Window(quality) ?? "none"),
        ];
    }

    /// <summary>The facts most of <paramref name="runs"/> that measured <paramref name="model"/>'s quality have; empty when none did.</summary>
    public static IReadOnlyList<(string Name, string Value)> Usual(IReadOnlyList<RunResult> runs, string model) =>
        MostRuns.Values([.. runs.Where(run => Of(run, model) is not null)], run => Of(run, model)!);

    /// <summary>Per run, for each model whose quality it measured, the facts in which it differs from most runs that
    /// measured that model, worded for a flag: "&lt;model&gt; quality &lt;fact&gt; &lt;value&gt; (most runs: &lt;value&gt;)".</summary>
    public static IReadOnlyList<IReadOnlyList<(string Model, string Difference)>> Differences(IReadOnlyList<RunResult> runs)
    {
        var differences = runs.Select(_ => new List<(string Model, string Difference)>()).ToList();
        foreach (var model in runs.SelectMany(run => run.Results.Select(row => row.Model)).Distinct(StringComparer.Ordinal))
        {
            var measured = runs.Select((run, i) => (Run: run, Index: i)).Where(pair => Of(pair.Run, model) is not null).ToList();
            var ofModel = MostRuns.Differences([.. measured.Select(pair => pair.Run)], run => Of(run, model)!);
            foreach (var (pair, ofRun) in measured.Zip(ofModel))
                differences[pair.Index].AddRange(ofRun.Select(difference => (model, $"{model} {difference}")));
        }
        return differences;
    }
}
