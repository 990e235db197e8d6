using InferBench.Models;
using InferBench.Quantization;
using InferBench.Results;

namespace InferBench.Runner;

/// <summary>
/// Makes a target ready to load, the same for a static-batch sweep and a serving sweep: unavailable or not built for the
/// provider asked for, it is refused; else its folder is prepared (a synthetic or derived model built, a checkpoint
/// imported on first use) and read, and its provider settled (<c>--ep auto</c> on a folder: the one its genai_config.json asks for).
/// </summary>
internal static class TargetPreparation
{
    /// <param name="asked">The target with the provider the run asks for (<see cref="BenchmarkTarget.ExecutionProvider"/>).</param>
    /// <param name="resolved">The provider <see cref="ExecutionProviderChoice.Resolve"/> chose; null: the model configuration's to say.</param>
    /// <param name="refused">Told why, where the target cannot be loaded.</param>
    /// <returns>The prepared target; null after <paramref name="refused"/>, or when <paramref name="cancellation"/> stopped the preparation.</returns>
    public static PreparedTarget? Prepare(BenchmarkTarget asked, ExecutionProvider? resolved, Action<TargetRefusal> refused, CancellationToken cancellation)
    {
        if (Refusal(asked, resolved) is { } refusal)
        {
            refused(refusal);
            return null;
        }
        string? preparationNote;
        GenAiModelInfo info;
        try
        {
            preparationNote = asked.Prepare?.Invoke(cancellation);
            info = GenAiModelFolder.Inspect(asked.FolderPath);
        }
        catch (Exception e) when (e is ModelFolderException or ModelPreparationException)
        {
            refused(new TargetRefusal((e as ModelPreparationException)?.Status ?? ResultStatus.Failed, e.Message));
            return null;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null;
        }
        if ((resolved ?? ExecutionProviderChoice.FromConfiguration(info.ConfiguredProvider)) is not { } executionProvider)
        {
            // The rows record the provider the model asks for, though InferBench has no name of its own for it.
            refused(new TargetRefusal(ResultStatus.Unsupported,
                $"{GenAiModelFolder.ConfigFileName} asks for the {info.ConfiguredProvider} provider, which InferBench does not run; "
                + "it can run the model on the cpu provider instead", info.ConfiguredProvider));
            return null;
        }
        var target = asked with { ExecutionProvider = executionProvider };
        return new PreparedTarget(target, info, Note(target, info, preparationNote, executionProvider));
    }

    /// <summary>Why a target that is unavailable, or not built for the provider the run asks for, is not attempted; null when it is.</summary>
    private static TargetRefusal? Refusal(BenchmarkTarget asked, ExecutionProvider? resolved) =>
        asked.UnavailableReason is { } unavailable ? new TargetRefusal(ResultStatus.Skipped, unavailable)
        : resolved is { } requested && asked.ExecutionProviders.Count > 0 && !asked.ExecutionProviders.Contains(requested)
            ? new TargetRefusal(ResultStatus.Unsupported,
                $"variant is built for {string.Join(", ", asked.ExecutionProviders.Select(JsonEnumName.Of))}; this run asks for {JsonEnumName.Of(requested)}")
        : null;

    private static string? Note(BenchmarkTarget target, GenAiModelInfo info, string? preparationNote, ExecutionProvider executionProvider) => Join(
        Join(preparationNote, target.Note),
        Join(ExecutionProviderChoice.ConfigurationNote(info.ConfiguredProvider, executionProvider),
            QuantizationStamp.TryRead(target.FolderPath)?.ExecutionNote(executionProvider)));

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : $"{first}; {second}";
}
