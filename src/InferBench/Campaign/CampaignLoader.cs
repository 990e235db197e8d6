using System.Text.Json;
using InferBench.Cost.Catalog;
using InferBench.Manifest;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Campaign;

/// <summary>Reads a campaign file: the schema first, then what the schema cannot say (the manifest's ids, the catalog's instances, shard counts).</summary>
public static class CampaignLoader
{
    private static readonly EmbeddedSchema Schema = new("campaign.schema.json");
    private static readonly JsonSerializerOptions SerializerOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <exception cref="InputException">
    /// The file is missing, unreadable, not JSON or not a valid campaign; its manifest is; or a model, variant or catalog
    /// instance it names is unknown. The message names the file and, one problem a line, the JSON path and what was expected.
    /// </exception>
    public static LoadedCampaign Load(string campaignPath)
    {
        if (string.IsNullOrWhiteSpace(campaignPath))
            throw new InputException("campaign path is empty");
        var fileName = Path.GetFileName(campaignPath);
        var fullPath = Path.GetFullPath(campaignPath);
        // A model listed twice would run its variants twice; list its variants once.
        using var file = ValidatedJsonFile.Open(fullPath, fileName, Schema, root => DuplicateIds.In(JsonLocation.Root(root).Child("machineClasses"))
            .Concat(DuplicateIds.In(JsonLocation.Root(root).Child("models"), "model")));
        var campaign = file.Bind<CampaignFile>(SerializerOptions);

        var manifestPath = Path.GetFullPath(campaign.Manifest, Path.GetDirectoryName(fullPath)!);
        var at = file.Root;
        if (!File.Exists(manifestPath))
            file.ThrowIfAny([new JsonProblem(at.Child("manifest"), Directory.Exists(manifestPath)
                ? $"expected a manifest file, got the folder {manifestPath}"
                : $"expected a manifest file, found none at {manifestPath}")]);
        var manifest = ManifestLoader.Load(manifestPath);
        var work = campaign.Models.SelectMany(model => model.Variants.Select(variant => new CampaignWork(model.Model, variant))).ToArray();
        file.ThrowIfAny(UnknownModels(at, campaign, manifest, Path.GetFileName(manifestPath))
            .Concat(UnknownInstances(at, campaign, PricingCatalogLoader.Embedded))
            .Concat(TooManyShards(at, campaign, work.Length))
            .Concat(PlanProblems(at, campaign))
            .ToList());
        return new LoadedCampaign(campaign, fullPath, manifestPath, CampaignShards.Split(campaign, work), Quantization.FileSha256.Of(fullPath));
    }

    /// <summary>The run plan a shard of <paramref name="machineClass"/> runs: the campaign's plan on the CPU, or on CUDA for a class with GPUs.</summary>
    public static RunPlanRecord RunPlan(CampaignPlan plan, MachineClass machineClass)
    {
        var executionProvider = machineClass.GpuCount > 0 ? ExecutionProvider.Cuda : ExecutionProvider.Cpu;
        return new RunPlanRecord(plan.PromptTokens, plan.GenTokens, plan.BatchSizes, plan.Warmup, plan.Reps, IntraOpThreads: null, plan.Seed,
            executionProvider, PromptText: null, ProviderOptions: [], SteadyState: SteadyStatePlan.Default);
    }

    private static IEnumerable<JsonProblem> UnknownModels(JsonLocation root, CampaignFile campaign, ModelManifest manifest, string manifestName)
    {
        for (var index = 0; index < campaign.Models.Count; index++)
        {
            var entry = campaign.Models[index];
            var at = root.Child("models").Child(index);
            var model = manifest.Models.FirstOrDefault(m => m.Id == entry.Model);
            if (model is null)
            {
                yield return new(at.Child("model"), $"no model \"{entry.Model}\" in {manifestName} (known: {string.Join(", ", manifest.Models.Select(m => m.Id))})");
                continue;
            }
            for (var variant = 0; variant < entry.Variants.Count; variant++)
            {
                if (model.Variants.All(v => v.Id != entry.Variants[variant]))
                    yield return new(at.Child("variants").Child(variant),
                        $"no variant \"{entry.Variants[variant]}\" of {model.Id} in {manifestName} (known: {string.Join(", ", model.Variants.Select(v => v.Id))})");
            }
        }
    }

    private static IEnumerable<JsonProblem> UnknownInstances(JsonLocation root, CampaignFile campaign, PricingCatalog catalog)
    {
        for (var index = 0; index < campaign.MachineClasses.Count; index++)
        {
            if (campaign.MachineClasses[index].Instance is { } instance && catalog.GpuInstances.All(entry => entry.Id != instance))
                yield return new(root.Child("machineClasses").Child(index).Child("instance"),
                    $"no GPU instance \"{instance}\" in the pricing catalog (known: {string.Join(", ", catalog.GpuInstances.Select(entry => entry.Id))})");
        }
    }

    private static IEnumerable<JsonProblem> TooManyShards(JsonLocation root, CampaignFile campaign, int workCount)
    {
        for (var index = 0; index < campaign.MachineClasses.Count; index++)
        {
            if (campaign.MachineClasses[index].Shards is { } shards && shards > workCount)
                yield return new(root.Child("machineClasses").Child(index).Child("shards"),
                    $"expected at most {workCount} (the campaign's model variants; a shard runs at least one), got {shards}");
        }
    }

    /// <summary>The plan checks the schema cannot make (the largest point's size), named by the plan's JSON fields.</summary>
    private static IEnumerable<JsonProblem> PlanProblems(JsonLocation root, CampaignFile campaign)
    {
        try
        {
            // Threads are ONNX Runtime's choice, so the core count here does not matter.
            RunPlanPoints.Validate(RunPlan(campaign.Plan, campaign.MachineClasses[0]), Environment.ProcessorCount);
            return [];
        }
        catch (InputFieldException e)
        {
            var plan = root.Child("plan");
            var fields = e.Fields.Select(field => PlanFieldNames.GetValueOrDefault(field, field));
            var at = plan.TryGetValue(out _) && plan.Child(fields.First()).TryGetValue(out _) ? plan.Child(fields.First()) : plan;
            return [new(at, $"{string.Join(", ", fields)}: {e.Problem}")];
        }
    }

    private static readonly Dictionary<string, string> PlanFieldNames = new()
    {
        { nameof(RunPlanRecord.PromptTokens), "promptTokens" },
        { nameof(RunPlanRecord.GenTokens), "genTokens" },
        { nameof(RunPlanRecord.BatchSizes), "batchSizes" },
        { nameof(RunPlanRecord.WarmupRepetitions), "warmup" },
        { nameof(RunPlanRecord.MeasuredRepetitions), "reps" },
        { nameof(RunPlanRecord.Seed), "seed" },
    };
}
