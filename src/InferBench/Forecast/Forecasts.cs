using InferBench.Cost.Catalog;
using InferBench.Runner;

namespace InferBench.Forecast;

/// <summary><c>inferbench forecast</c>'s logic: the variants, the targets with their prices, and a forecast row for each plan point.</summary>
public static class Forecasts
{
    public const string ProfileField = "Profile";

    /// <exception cref="InputException">Nothing to forecast, no target, an unknown GPU or one without specs, a model folder
    /// that cannot be read, or a plan point beyond a variant's context length or a target's memory (<see cref="WorkloadFit"/>).</exception>
    public static IReadOnlyList<ForecastRow> Make(ForecastRequest request, PricingCatalog catalog, CancellationToken cancellation = default)
    {
        var variants = Variants(request, cancellation);
        var targets = Targets(request, catalog);
        foreach (var target in targets)
            foreach (var variant in variants)
                WorkloadFit.Check(variant, target, request.Plan);
        var published = PublishedPoint.All(catalog);
        return [.. from target in targets
                   from variant in variants
                   let efficiencies = Forecaster.EfficienciesFor(variant.Precision, target, request.Profile, published)
                   from row in Forecaster.Forecast(variant, target, efficiencies, request.Plan, HostWatts(request.Profile, target, variant.Precision))
                   select row];
    }

    private static IReadOnlyList<ForecastVariant> Variants(ForecastRequest request, CancellationToken cancellation)
    {
        if (request.ManifestModels is { Count: > 0 } || request.ManifestVariants is { Count: > 0 })
            return ManifestVariants(request, cancellation);
        if (request.ModelFolders.Count > 0)
            return request.ModelFolders.Select(folder =>
            {
                var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
                try
                {
                    var precision = ModelFactsReader.Precision(full);
                    return new ForecastVariant(Path.GetFileName(full), precision, precision, ModelFactsReader.Read(full));
                }
                catch (InputException e)
                {
                    throw new InputFieldException([TargetSelection.ModelFolderField], e.Message);
                }
            }).ToList();
        if (request.Profile is null)
            throw new InputFieldException([ProfileField], "nothing to forecast: give a profile.json or a model folder");
        var fromProfile = request.Profile.Variants
            .Where(variant => variant.Facts is not null)
            .Select(variant => new ForecastVariant(variant.Model, variant.Variant, variant.Precision, variant.Facts!))
            .ToList();
        return fromProfile.Count > 0 ? fromProfile : throw new InputFieldException([ProfileField], $"profile of run {request.Profile.RunId} has no variant with model facts; give a model folder");
    }

    private static IReadOnlyList<ForecastVariant> ManifestVariants(ForecastRequest request, CancellationToken cancellation) =>
        TargetSelection.FromManifest(request.ManifestPath ?? "models.manifest.json", request.ManifestModels ?? [], request.ManifestVariants ?? [])
            .Select(target =>
            {
                if (target.UnavailableReason is { } reason)
                    throw new InputFieldException([TargetSelection.VariantsField], $"{target.Model}/{target.Variant} is not on this machine ({reason}); forecasts read its files");
                try
                {
                    target.Prepare?.Invoke(cancellation);
                }
                catch (ModelPreparationException e)
                {
                    throw new InputFieldException([TargetSelection.VariantsField], $"{target.Model}/{target.Variant} could not be prepared: {e.Message}");
                }
                return new ForecastVariant(target.Model, target.Variant, target.Precision, ModelFactsReader.Read(target.FolderPath));
            })
            .ToList();

    private static IReadOnlyList<ForecastTarget> Targets(ForecastRequest request, PricingCatalog catalog)
    {
        if (request.GpuIds.Count == 0)
        {
            var profile = request.Profile ?? throw new InputFieldException([EstimatorProfiles.GpuField], "no target: give catalog GPU ids, or a profile.json to forecast its own host");
            // A profile of a catalog GPU forecasts that GPU as --gpu would: its board power, memory and instance prices.
            if (catalog.Gpus.FirstOrDefault(gpu => gpu.Id == profile.Host.GpuId && gpu.Specs is not null) is { } profiled)
                return [CatalogTarget(profiled, request.PricePerHourUsd, catalog)];
            var (price, priceSource) = request.PricePerHourUsd is { } given
                ? (given, $"given: {given} USD/h")
                : ((double?)null, "unavailable: give a price per hour for the profile's host");
            return [new ForecastTarget(profile.Host.GpuId ?? ForecastTarget.HostId, profile.Host.Peaks, null, null, "the profile's host", price, priceSource)];
        }
        return request.GpuIds.Select(id => CatalogTarget(PricingCatalog.Find(catalog.Gpus, id, EstimatorProfiles.GpuField), request.PricePerHourUsd, catalog)).ToList();
    }

    private static ForecastTarget CatalogTarget(GpuEntry gpu, double? pricePerHourUsd, PricingCatalog catalog)
    {
        var peaks = GpuPeaks.Of(gpu, EstimatorProfiles.GpuField);
        var (price, priceSource) = Price(gpu.Id, pricePerHourUsd, catalog);
        var specs = gpu.Specs!;
        return new ForecastTarget(gpu.Id, peaks, specs.GpuClass, specs.BoardPowerWatts,
            $"catalog {gpu.Id}: {specs.Source} ({specs.AsOf}, {JsonEnumName.Of(specs.Provenance)})", price, priceSource, specs.MemoryGiB * WorkloadFit.BytesPerGibibyte);
    }

    private static (double?, string) Price(string gpuId, double? given, PricingCatalog catalog)
    {
        if (given is { } price)
            return (price, $"given: {price} USD/h per GPU");
        var instance = catalog.GpuInstances
            .Where(entry => entry.Gpu?.Id == gpuId)
            .OrderBy(entry => entry.Pricing == InstancePricing.OnDemand ? 0 : 1)
            .FirstOrDefault();
        return instance is null
            ? (null, $"unavailable: no catalog instance has a {gpuId}; give a price per hour")
            : (instance.Price.Value / instance.Gpu!.Count, $"catalog instance {instance.Id}: {instance.Price.Value} USD/h / {instance.Gpu.Count} GPU(s) ({instance.Source}, {instance.AsOf})");
    }

    private static (double Watts, string Source)? HostWatts(EstimatorProfile? profile, ForecastTarget target, string precision) =>
        target.BoardPowerWatts is null
        && profile?.Variants.FirstOrDefault(v => v.Precision == precision && v.AverageWatts is not null) is { AverageWatts: { } watts } variant
            ? (watts, variant.EnergySource ?? "the run's energy source")
            : null;
}
