using System.CommandLine;
using InferBench.Cli.Progress;
using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Runner;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench fetch &lt;model&gt;</c>: downloads a manifest model's Hugging Face variants into the local cache.</summary>
public static class FetchCommand
{
    private static readonly Argument<string> Model = new("model")
    {
        Description = $"Manifest model id, or an evaluation text: {string.Join(", ", HubDataset.All.Select(d => $"{d.Id} ({d.Name}, {d.Repo})"))}",
    };
    private static readonly Option<string[]> Variant = CommonOptions.Variants();
    private static readonly Option<string> Manifest = CommonOptions.Manifest();
    private static readonly Option<string?> Cache = new("--cache")
    {
        Description = $"Cache folder (default: {FetchCache.EnvironmentVariable}, else ~/.cache/inferbench/models)",
    };

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("fetch",
            "Download a manifest model's variant folders, or an evaluation text (wikitext-2), from the Hugging Face Hub (HF_ENDPOINT, HF_TOKEN) "
            + "into the local cache; prints each folder. Without --variant: every Hugging Face and checkpoint variant of the model; a derived variant fetches the variant it is made from, "
            + "a checkpoint variant the checkpoint's files (run imports them on first use)")
        {
            Model, Variant, Manifest, Cache,
        };
        command.SetAction((parseResult, _) => ExecuteAsync(parseResult, io, cancellation));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        if (HubDataset.Find(parseResult.GetValue(Model)!) is { } dataset)
            return await FetchDatasetAsync(dataset, parseResult, io, cancellation);
        var manifestPath = parseResult.GetValue(Manifest)!;
        var model = FindModel(ManifestLoader.Load(manifestPath), parseResult.GetValue(Model)!, Path.GetFileName(manifestPath));
        var variants = SelectVariants(model, parseResult.GetValue(Variant) ?? [], Path.GetFileName(manifestPath));
        var (fetcher, hub) = OpenFetcher(parseResult, model.Id);
        using var disposeFetcher = fetcher;
        using var announce = AnnounceStop(io, cancellation);
        foreach (var variant in variants)
        {
            var name = $"{model.Id}/{variant.Id}";
            if (cancellation.IsCancellationRequested)
            {
                io.Error.WriteLine($"inferbench: fetch stopped before {name}; the variants printed above are complete");
                return ExitCodes.Cancelled;
            }
            var source = VariantFetcher.HubSourceOf(variant)!;
            io.Error.WriteLine($"{name}: {variant.Files.Count} {(variant.Source is CheckpointModelSource ? "checkpoint files" : "files")} from {hub.Endpoint.Authority} {source.Repo}@{source.Revision}"
                + (source.Folder is null ? "" : $" {source.Folder}"));
            if (await FetchOneAsync(name, progress => fetcher.FetchAsync(model.Id, variant, progress, cancellation), io) is { } failed)
                return failed;
        }
        return ExitCodes.AllOk;
    }

    private static async Task<int> FetchDatasetAsync(HubDataset dataset, ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        if (parseResult.GetValue(Variant) is { Length: > 0 })
            throw new InputException($"--variant: {dataset.Id} is an evaluation text, which has no variants");
        var (fetcher, hub) = OpenFetcher(parseResult, HubDataset.CacheFolder);
        using var disposeFetcher = fetcher;
        using var announce = AnnounceStop(io, cancellation);
        io.Error.WriteLine($"{dataset.Id}: {dataset.Name}, {dataset.PathInRepo} from {hub.Endpoint.Authority} datasets/{dataset.Repo}@{dataset.Revision} ({dataset.Licence})");
        return await FetchOneAsync(dataset.Id, progress => fetcher.FetchAsync(dataset, progress, cancellation), io) ?? ExitCodes.AllOk;
    }

    /// <summary>A fetcher into the cache (--cache, else the environment's), whose <paramref name="folder"/> is checked writable first.</summary>
    private static (VariantFetcher Fetcher, HubSettings Hub) OpenFetcher(ParseResult parseResult, string folder)
    {
        var cache = FetchCache.FromEnvironment(parseResult.GetValue(Cache));
        cache.RequireWritable(folder);
        var hub = HubSettings.FromEnvironment();
        return (new VariantFetcher(cache, hub, FetchOptions.Default), hub);
    }

    private static StopAnnouncement AnnounceStop(CliIo io, CancellationToken cancellation) =>
        new(io.Error, cancellation, "Stopping the download; what has arrived is kept (signal again to abort).");

    /// <summary>Runs one fetch with the progress display the terminal allows and prints its folder.</summary>
    /// <returns>null when it finished; else the exit code, its reason on stderr.</returns>
    private static async Task<int?> FetchOneAsync(string name, Func<IFetchProgress, Task<string>> fetch, CliIo io)
    {
        try
        {
            io.Out.WriteLine(io.Interactive ? await SpectreFetchProgress.RunAsync(fetch) : await fetch(new PlainFetchProgress(io.Error)));
            return null;
        }
        catch (FetchException e)
        {
            io.Error.WriteLine($"inferbench: fetch {name}: {e.Message}");
            return ExitCodes.SomeRowsFailed;
        }
        catch (FetchStoppedException e)
        {
            io.Error.WriteLine($"inferbench: fetch {name}: {e.Message}");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache's file system (full, read-only, gone): the machine's problem, like a failed download, not a bug.
            io.Error.WriteLine($"inferbench: fetch {name}: cannot write the fetch cache: {e.Message}");
            return ExitCodes.SomeRowsFailed;
        }
    }

    private static ManifestModel FindModel(ModelManifest manifest, string id, string manifestFileName) =>
        manifest.Models.FirstOrDefault(model => model.Id == id)
        ?? throw new InputException($"no model \"{id}\" in {manifestFileName} (known: {string.Join(", ", manifest.Models.Select(m => m.Id))})");

    private static IReadOnlyList<ManifestVariant> SelectVariants(ManifestModel model, IReadOnlyList<string> requested, string manifestFileName)
    {
        var fetchable = model.Variants.Where(variant => VariantFetcher.HubSourceOf(variant) is not null).ToArray();
        if (requested.Count == 0)
        {
            return fetchable.Length > 0
                ? fetchable
                : throw new InputException($"{model.Id} in {manifestFileName} has no Hugging Face variants: every variant is a local folder");
        }
        return requested.Select(id =>
        {
            var variant = model.Variants.FirstOrDefault(v => v.Id == id)
                ?? throw new InputException($"--variant: {model.Id} has no \"{id}\" in {manifestFileName} (known: {string.Join(", ", model.Variants.Select(v => v.Id))})");
            // A derived variant is made on first use from its source: fetching it means fetching that.
            var fetched = variant.Source is DerivedModelSource derived ? TargetSelection.SourceOf(model, derived) : variant;
            return VariantFetcher.HubSourceOf(fetched) is not null
                ? fetched
                : throw new InputException($"--variant {id}: {model.Id}/{fetched.Id} is {(fetched.Source is SyntheticModelSource ? "built by InferBench" : "a local folder")} in {manifestFileName}; there is nothing to fetch");
        }).DistinctBy(variant => variant.Id).ToArray();
    }
}
