using System.CommandLine;
using InferBench.Cli.Progress;
using InferBench.Fetch;
using InferBench.Manifest;
using InferBench.Runner;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench fetch &lt;model&gt;</c>: downloads a manifest model's Hugging Face variants into the local cache.</summary>
public static class FetchCommand
{
    private static readonly Argument<string> Model = new("model") { Description = "Manifest model id" };
    private static readonly Option<string[]> Variant = new("--variant")
    {
        Description = "Only these variants (by id; repeatable; default: every Hugging Face variant of the model); a derived variant fetches the variant it is made from",
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<string> Manifest = new("--manifest")
    {
        Description = "Model manifest to read",
        DefaultValueFactory = _ => "models.manifest.json",
    };
    private static readonly Option<string?> Cache = new("--cache")
    {
        Description = $"Cache folder (default: {FetchCache.EnvironmentVariable}, else ~/.cache/inferbench/models)",
    };

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("fetch",
            "Download a manifest model's variant folders from the Hugging Face Hub (HF_ENDPOINT, HF_TOKEN) into the local cache; "
            + "prints each variant's folder")
        {
            Model, Variant, Manifest, Cache,
        };
        command.SetAction((parseResult, _) => ExecuteAsync(parseResult, io, cancellation));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        var manifestPath = parseResult.GetValue(Manifest)!;
        var model = FindModel(ManifestLoader.Load(manifestPath), parseResult.GetValue(Model)!, Path.GetFileName(manifestPath));
        var variants = SelectVariants(model, parseResult.GetValue(Variant) ?? [], Path.GetFileName(manifestPath));
        var cache = FetchCache.FromEnvironment(parseResult.GetValue(Cache));
        cache.RequireWritable(model.Id);
        var hub = HubSettings.FromEnvironment();

        using var fetcher = new VariantFetcher(cache, hub, FetchOptions.Default);
        using var announce = cancellation.Register(() =>
            io.Error.WriteLine("Stopping the download; what has arrived is kept (signal again to abort)."));
        foreach (var variant in variants)
        {
            var name = $"{model.Id}/{variant.Id}";
            if (cancellation.IsCancellationRequested)
            {
                io.Error.WriteLine($"inferbench: fetch stopped before {name}; the variants printed above are complete");
                return ExitCodes.Cancelled;
            }
            var source = (HuggingFaceModelSource)variant.Source;
            io.Error.WriteLine($"{name}: {variant.Files.Count} files from {hub.Endpoint.Authority} {source.Repo}@{source.Revision}"
                + (source.Folder is null ? "" : $" {source.Folder}"));
            try
            {
                var folder = io.Interactive
                    ? await SpectreFetchProgress.RunAsync(progress => fetcher.FetchAsync(model.Id, variant, progress, cancellation))
                    : await fetcher.FetchAsync(model.Id, variant, new PlainFetchProgress(io.Error), cancellation);
                io.Out.WriteLine(folder);
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
        }
        return ExitCodes.AllOk;
    }

    private static ManifestModel FindModel(ModelManifest manifest, string id, string manifestFileName) =>
        manifest.Models.FirstOrDefault(model => model.Id == id)
        ?? throw new InputException($"no model \"{id}\" in {manifestFileName} (known: {string.Join(", ", manifest.Models.Select(m => m.Id))})");

    private static IReadOnlyList<ManifestVariant> SelectVariants(ManifestModel model, IReadOnlyList<string> requested, string manifestFileName)
    {
        var fetchable = model.Variants.Where(variant => variant.Source is HuggingFaceModelSource).ToArray();
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
            return fetched.Source is HuggingFaceModelSource
                ? fetched
                : throw new InputException($"--variant {id}: {model.Id}/{fetched.Id} is {(fetched.Source is SyntheticModelSource ? "built by InferBench" : "a local folder")} in {manifestFileName}; there is nothing to fetch");
        }).DistinctBy(variant => variant.Id).ToArray();
    }
}
