using System.CommandLine;
using System.Globalization;
using InferBench.Cost.Catalog;
using InferBench.Forecast;
using InferBench.Reports;
using InferBench.Telemetry;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench profile &lt;run folder&gt;</c>: writes the run's estimator profile (profile.json) beside run.json.</summary>
public static class ProfileCommand
{
    private static readonly Argument<string> Folder = new("run-folder") { Description = "A run folder holding run.json" };

    private static readonly Option<string?> Gpu = CommonOptions.Gpu(
        "for a GPU run, the GPU its CUDA rows ran on (its datasheet peaks are the reference). A CPU run is profiled on this machine, whose peaks are measured (a few seconds)");

    private static readonly Option<string> Out = CommonOptions.Out("File to write the profile to [default: <run folder>/profile.json]");

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("profile", "Write a run's estimator profile: model facts, achieved bandwidth and FLOP rates, and the fitted step-time model") { Folder, Gpu, Out };
        command.SetAction(parseResult =>
        {
            var folder = RunFolder.Open(parseResult.GetValue(Folder)!);
            var run = folder.Read();
            var outPath = Path.GetFullPath(parseResult.GetValue(Out) ?? Path.Combine(folder.FullPath, EstimatorProfile.FileName));
            EstimatorProfile profile;
            try
            {
                profile = EstimatorProfiles.FromRun(run, folder.RunJsonPath, parseResult.GetValue(Gpu), PricingCatalogLoader.Load(null), HostFactsProbe.Read(), DateTimeOffset.UtcNow, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                io.Error.WriteLine("Stopped before the peaks were measured; no profile written.");
                return ExitCodes.Cancelled;
            }
            try
            {
                AtomicFile.WriteAllText(outPath, ProfileJson.Serialize(profile));
            }
            catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
            {
                throw FileSystemProblem.WriteFailure([Out.Name], $"cannot write {outPath}: {FileSystemProblem.Reason(e, outPath)}", e);
            }
            Describe(profile, io.Out);
            io.Out.WriteLine($"Profile: {outPath}");
            return profile.Variants.Any(variant => variant.Fit is not null) ? ExitCodes.AllOk : ExitCodes.NothingMeasured;
        });
        return command;
    }

    private static void Describe(EstimatorProfile profile, TextWriter output)
    {
        var host = profile.Host;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{host.Hardware}: memory bandwidth {host.MemoryBandwidthBytesPerSecond / 1e9:0.#} GB/s, peak {Peaks(profile)} ({host.PeaksSource})"));
        foreach (var variant in profile.Variants)
        {
            if (variant.Fit is not { } fit || variant.Facts is not { } facts)
            {
                output.WriteLine($"  {variant.Model}/{variant.Variant}: {variant.UnavailableReason}");
                continue;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {variant.Model}/{variant.Variant}: {facts.Parameters:N0} parameters, {facts.WeightBytesPerDecodeStep / 1e6:0.#} MB read per decode step, {facts.KvCacheBytesPerToken:N0} KV bytes/token; " +
                $"η_mem {Words(fit.MemoryEfficiency, "0.00")}, η_compute {Words(fit.ComputeEfficiency, "0.00")}, t0 {Words(fit.FixedSecondsPerLayer, "0.0000", 1e3, " ms/layer")}; " +
                $"residual rms {fit.RmsRelativeResidual:P1} over {fit.PointsUsed} steps"));
        }
        if (profile.DecodeFit is { } joint)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  decode, all variants jointly (what forecasts on this host use): η_mem {Words(joint.MemoryEfficiency, "0.00")}, t0 {Words(joint.FixedSecondsPerLayer, "0.0000", 1e3, " ms/layer")}, " +
                $"η_compute {string.Join(", ", joint.ComputeEfficiencyByVariant.Select(pair => $"{pair.Key} {Words(pair.Value, "0.00")}"))}; " +
                $"residual rms {joint.RmsRelativeResidual:P1} over {joint.PointsUsed} steps"));
    }

    /// <summary>The peak each profiled precision is a share of: "int4 165200 GFLOP/s (the fp16 rate, ...)", never another precision's.</summary>
    private static string Peaks(EstimatorProfile profile)
    {
        var host = profile.Host;
        var precisions = profile.Variants.Select(variant => variant.Precision).Distinct(StringComparer.Ordinal).ToList();
        return string.Join(", ", (precisions.Count > 0 ? precisions : host.PeakFlopsPerSecondByPrecision.Keys).Select(precision =>
        {
            var gemm = HostPeaks.GemmPrecision(precision, ModelFacts.DequantizingGemm(precision, host.Kind));
            return host.PeakFlopsPerSecondByPrecision.TryGetValue(gemm, out var peak)
                ? string.Create(CultureInfo.InvariantCulture, $"{precision} {peak / 1e9:0.#} GFLOP/s{(gemm == precision ? "" : $" (the {gemm} rate: its weights are multiplied in {gemm})")}")
                : $"{precision} unknown";
        }));
    }

    private static string Words(FittedParameter parameter, string format, double scale = 1, string unit = "") =>
        parameter.Value is { } value
            ? (value * scale).ToString(format, CultureInfo.InvariantCulture) + unit
            : "not identified" + (parameter.LowerBound is { } bound ? $" (at least {(bound * scale).ToString(format, CultureInfo.InvariantCulture)}{unit})" : "");
}
