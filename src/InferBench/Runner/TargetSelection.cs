using InferBench.Fetch;
using InferBench.Import;
using InferBench.Manifest;
using InferBench.Models;
using InferBench.Results;
using InferBench.Quantization;
using InferBench.Synthetic;
using System.Security.Cryptography;
using System.Text.Json;

namespace InferBench.Runner;

/// <summary>Turns the run's selection (manifest filters, or one model folder) into the targets the runner sweeps.</summary>
/// <remarks>Errors name the selection's fields (<see cref="ModelsField"/>, ...); a front end maps them to its own option names.</remarks>
public static class TargetSelection
{
    public const string LocalVariantId = "local";
    public const string ModelsField = "Models";
    public const string VariantsField = "Variants";
    public const string ModelFolderField = "ModelFolder";

    /// <summary>Where synthetic models are built on first use, beside the manifest (git-ignored).</summary>
    public const string SyntheticCacheFolder = ".cache/models";

    /// <summary>
    /// The manifest's variants a run sweeps. With no model or variant named, only what can run here is swept (a manifest
    /// of real models is mostly not downloaded) and the others are returned as not swept; naming a model or variant
    /// sweeps it even when it is absent, so its rows say why.
    /// </summary>
    /// <exception cref="InputFieldException">A named model or variant is not in the manifest.</exception>
    public static SelectedTargets ForRun(string manifestPath, IReadOnlyList<string> models, IReadOnlyList<string> variants, FetchCache? cache = null)
    {
        var targets = FromManifest(manifestPath, models, variants, cache);
        if (models.Count > 0 || variants.Count > 0)
            return new SelectedTargets(targets, []);
        var absent = targets.Where(t => t.UnavailableReason is not null).ToArray();
        return new SelectedTargets(targets.Except(absent).ToArray(), absent);
    }

    /// <param name="cache">Where fetched Hugging Face variants are looked for; null for <see cref="FetchCache.FromEnvironment"/>.</param>
    /// <exception cref="InputFieldException">A named model or variant is not in the manifest.</exception>
    public static IReadOnlyList<BenchmarkTarget> FromManifest(
        string manifestPath, IReadOnlyList<string> models, IReadOnlyList<string> variants, FetchCache? cache = null)
    {
        cache ??= FetchCache.FromEnvironment();
        var manifest = ManifestLoader.Load(manifestPath);
        var fileName = Path.GetFileName(manifestPath);
        RequireKnown(ModelsField, models, manifest.Models.Select(m => m.Id), fileName);
        var selectedModels = manifest.Models.Where(m => models.Count == 0 || models.Contains(m.Id)).ToArray();
        RequireKnown(VariantsField, variants, selectedModels.SelectMany(m => m.Variants).Select(v => v.Id), fileName);

        return (from model in selectedModels
                from variant in model.Variants
                where variants.Count == 0 || variants.Contains(variant.Id)
                select ToTarget(model, variant, cache, Path.GetDirectoryName(Path.GetFullPath(manifestPath))!)).ToArray();
    }

    /// <exception cref="InputFieldException">The folder does not exist.</exception>
    public static BenchmarkTarget FromFolder(string folderPath)
    {
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folderPath));
        if (!Directory.Exists(fullPath))
            throw new InputFieldException([ModelFolderField], $"folder not found: {fullPath}");
        // A bare folder lists no providers: --ep auto runs it on the one its genai_config.json asks for. Its precision
        // is read from its decoder, as a forecast of the folder reads it, so a profile of the run names it too.
        return new BenchmarkTarget(Path.GetFileName(fullPath), LocalVariantId, DecoderPrecision.TryOf(fullPath) ?? "unknown", [], fullPath);
    }

    /// <summary>
    /// Why the variant cannot be run here; null when its folder is present (a Hugging Face variant: fetched into
    /// <paramref name="cache"/>) or can be made on first use (a synthetic variant; a checkpoint variant whose checkpoint
    /// is fetched; a derived one whose source is present).
    /// </summary>
    public static string? Availability(ManifestModel model, ManifestVariant variant, FetchCache? cache = null) => variant.Source switch
    {
        LocalModelSource local when Directory.Exists(local.FolderPath) => null,
        LocalModelSource local => $"not present locally: {local.FolderPath}",
        HuggingFaceModelSource hub when (cache ?? FetchCache.FromEnvironment()).CompleteFolder(model.Id, variant.Id, hub) is not null => null,
        HuggingFaceModelSource => NotDownloaded(model, variant),
        CheckpointModelSource checkpoint when (cache ?? FetchCache.FromEnvironment()).CompleteCheckpoint(model.Id, checkpoint) is not null => null,
        CheckpointModelSource => NotDownloaded(model, variant),
        SyntheticModelSource => null,
        DerivedModelSource derived => Availability(model, SourceOf(model, derived), cache) is { } why
            ? $"derived from {derived.From}, which is {(SourceOf(model, derived).Source is HuggingFaceModelSource or CheckpointModelSource ? NotDownloaded(model, variant) : why)}"
            : null,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant.Source, "unknown model source"),
    };

    /// <summary>The variant a derived variant is made from (the manifest's validation has checked it is there and not derived).</summary>
    public static ManifestVariant SourceOf(ManifestModel model, DerivedModelSource derived) => model.Variants.Single(v => v.Id == derived.From);

    private static BenchmarkTarget ToTarget(ManifestModel model, ManifestVariant variant, FetchCache cache, string manifestFolder)
    {
        var target = new BenchmarkTarget(
            model.Id,
            variant.Id,
            JsonEnumName.Of(variant.Precision),
            variant.ExecutionProviders,
            "",
            Availability(model, variant, cache),
            Note: QuantizationLadder.RowNote(model));
        return variant.Source switch
        {
            LocalModelSource local => target with { FolderPath = local.FolderPath },
            HuggingFaceModelSource hub => target with { FolderPath = cache.CompleteFolder(model.Id, variant.Id, hub) ?? "" },
            CheckpointModelSource checkpoint => CheckpointTarget(target, model, variant, checkpoint, cache),
            SyntheticModelSource synthetic => SyntheticTarget(target, synthetic, variant.Precision, Path.Combine(manifestFolder, SyntheticCacheFolder, model.Id)),
            DerivedModelSource derived => DerivedTarget(target, model, variant, derived, ToTarget(model, SourceOf(model, derived), cache, manifestFolder), cache),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant.Source, "unknown model source"),
        };
    }

    /// <summary>
    /// A synthetic variant builds its folder on first use and reuses it while its stamp matches: the fp32 model from
    /// the manifest's sizes, and other precisions quantized from it with the quantizer's CPU defaults. All variants of
    /// one configuration share <c>&lt;cache&gt;/&lt;preset&gt;-&lt;config hash&gt;/</c>.
    /// </summary>
    private static BenchmarkTarget SyntheticTarget(BenchmarkTarget target, SyntheticModelSource source, Precision precision, string modelCache)
    {
        var config = source.Config();
        var configFolder = Path.Combine(modelCache, $"{source.Preset}-{ConfigHash(config)}");
        var fp32Folder = Path.Combine(configFolder, "fp32");
        var folder = precision == Precision.Fp32 ? fp32Folder : Path.Combine(configFolder, JsonEnumName.Of(precision));
        return target with
        {
            FolderPath = folder,
            Prepare = cancellation =>
            {
                try
                {
                    if (!SyntheticModelStamp.IsCompleteFor(fp32Folder, config))
                        SyntheticModelWriter.Write(config, fp32Folder, cancellation: cancellation);
                    var options = new QuantizationOptions(precision);
                    if (precision != Precision.Fp32 && !QuantizationStamp.IsCompleteFor(folder, fp32Folder, options))
                        ModelQuantizer.Quantize(fp32Folder, folder, options, cancellation: cancellation);
                    return null;
                }
                catch (InputException e)
                {
                    throw new ModelPreparationException($"building the synthetic {JsonEnumName.Of(precision)} model: {e.Message}", e);
                }
            },
        };
    }

    /// <summary>
    /// A derived variant is made on first use into the fetch cache (<c>&lt;cache&gt;/&lt;model&gt;/&lt;variant&gt;</c>) from its
    /// source variant's folder, which is prepared first, and reused while its quantization.json matches the source's files
    /// (SHA-256), the settings and the quantizer version. A folder that no longer matches is rebuilt, and the rows say so.
    /// </summary>
    private static BenchmarkTarget DerivedTarget(
        BenchmarkTarget target, ManifestModel model, ManifestVariant variant, DerivedModelSource derived, BenchmarkTarget source, FetchCache cache)
    {
        var folder = cache.VariantFolder(model.Id, variant.Id);
        var sourceVariant = $"{model.Id}/{derived.From}";
        var options = derived.Options(variant.Precision, variant.ExecutionProviders[0]);
        return target with
        {
            FolderPath = folder,
            Prepare = cancellation =>
            {
                var sourceNote = source.Prepare?.Invoke(cancellation);
                var hadFolder = QuantizationStamp.TryRead(folder) is not null;
                if (QuantizationStamp.WhyNotCurrent(folder, source.FolderPath, options, sourceVariant) is not { } stale)
                    return sourceNote;
                try
                {
                    ModelQuantizer.Quantize(source.FolderPath, folder, options, cancellation: cancellation, sourceVariant: sourceVariant);
                }
                catch (UnsupportedLayoutException e)
                {
                    throw new ModelPreparationException($"deriving {JsonEnumName.Of(variant.Precision)} from {derived.From}: {e.Message}", e, ResultStatus.Unsupported);
                }
                catch (InputException e)
                {
                    throw new ModelPreparationException($"deriving {JsonEnumName.Of(variant.Precision)} from {derived.From}: {e.Message}", e);
                }
                return hadFolder ? JoinNotes(sourceNote, $"derived folder rebuilt: {stale}") : sourceNote;
            },
        };
    }

    /// <summary>
    /// A checkpoint variant is imported on first use into the fetch cache (<c>&lt;cache&gt;/&lt;model&gt;/&lt;variant&gt;</c>) from
    /// the checkpoint's download, at the variant's precision for its first provider, and reused while its import.json matches
    /// the SHA-256 the fetch recorded for each checkpoint file, the options and the importer version. A folder that no longer
    /// matches is imported again, and the rows say so.
    /// </summary>
    private static BenchmarkTarget CheckpointTarget(
        BenchmarkTarget target, ManifestModel model, ManifestVariant variant, CheckpointModelSource checkpoint, FetchCache cache)
    {
        var folder = cache.VariantFolder(model.Id, variant.Id);
        var options = new ImportOptions(variant.Precision, variant.ExecutionProviders[0]);
        return target with
        {
            FolderPath = folder,
            Prepare = cancellation =>
            {
                if (cache.CompleteCheckpoint(model.Id, checkpoint) is not { } download || FetchMarker.ReadFrom(download) is not { } fetched)
                    throw new ModelPreparationException(NotDownloaded(model, variant), status: ResultStatus.Skipped);
                var checkpointSha256 = fetched.Files.ToDictionary(file => file.Path, file => file.Sha256, StringComparer.Ordinal);
                var hadFolder = ImportStamp.TryRead(folder) is not null;
                if (ImportStamp.WhyNotCurrent(folder, options, checkpointSha256) is not { } stale)
                    return null;
                try
                {
                    CheckpointImporter.Import(download, folder, options, cancellation, checkpointSha256);
                }
                catch (InputException e)
                {
                    throw new ModelPreparationException($"importing {checkpoint.Repo}@{checkpoint.Revision}: {e.Message}", e);
                }
                return hadFolder ? $"imported folder rebuilt: {stale}" : null;
            },
        };
    }

    private static string NotDownloaded(ManifestModel model, ManifestVariant variant) =>
        $"not downloaded: run inferbench fetch {model.Id} {CommandOptions.FetchVariant} {variant.Id}";

    private static string? JoinNotes(string? first, string second) => first is null ? second : $"{first}; {second}";

    private static string ConfigHash(SyntheticModelConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(config)))[..8];

    private static void RequireKnown(string field, IReadOnlyList<string> requested, IEnumerable<string> known, string manifestFileName)
    {
        var knownIds = known.Distinct().ToArray();
        var unknown = requested.FirstOrDefault(id => !knownIds.Contains(id));
        if (unknown is not null)
            throw new InputFieldException([field], $"no \"{unknown}\" in {manifestFileName} (known: {string.Join(", ", knownIds)})");
    }
}
