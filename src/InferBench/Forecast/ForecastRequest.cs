namespace InferBench.Forecast;

/// <summary>What <c>inferbench forecast</c> was asked for.</summary>
/// <param name="Profile">The calibration profile (and the variants to forecast, when no <see cref="ModelFolders"/> are given).</param>
/// <param name="ModelFolders">GenAI model folders to forecast instead of the profile's variants; facts and precision from their files.</param>
/// <param name="ManifestModels">Manifest model ids whose variants to forecast (with <see cref="ManifestVariants"/>), from <see cref="ManifestPath"/>; a synthetic variant is built on first use.</param>
/// <param name="GpuIds">Catalog GPU ids; none means the profile's own host.</param>
/// <param name="PricePerHourUsd">The hourly price of one GPU (or the host), replacing the catalog's instances.</param>
public sealed record ForecastRequest(
    EstimatorProfile? Profile,
    IReadOnlyList<string> ModelFolders,
    IReadOnlyList<string> GpuIds,
    ForecastPlan Plan,
    double? PricePerHourUsd,
    string? ManifestPath = null,
    IReadOnlyList<string>? ManifestModels = null,
    IReadOnlyList<string>? ManifestVariants = null);
