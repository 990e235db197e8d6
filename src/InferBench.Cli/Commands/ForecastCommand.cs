using System.CommandLine;
using System.Globalization;
using InferBench.Cost.Catalog;
using InferBench.Cost.Units;
using InferBench.Forecast;
using InferBench.Reports;
using InferBench.Runner;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench forecast</c>: decode and prefill tokens/s, TTFT, J/token and $ per 1M tokens, each with a band, on catalog GPUs or a profile's host.</summary>
public static class ForecastCommand
{
    private static readonly Option<string?> Profile = new("--profile") { Description = "A profile.json (`inferbench profile`): its variants are forecast, and it calibrates forecasts on the hardware it measured" };

    private static readonly Option<string[]> ModelPath = new("--model-path")
    {
        Description = "A GenAI model folder to forecast instead of the profile's variants (repeatable); facts and precision come from its files",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string> Manifest = CommonOptions.Manifest();
    private static readonly Option<string[]> Model = CommonOptions.Models();
    private static readonly Option<string[]> Variant = CommonOptions.Variants();
    private static readonly Option<string[]> Gpu = CommonOptions.Gpus("the GPUs to forecast on; none: the GPU a --profile was taken on where the catalog has it, else the profile's own host");

    private static readonly Option<int[]> Batch = IntListOption.Create("--batch", "Batch sizes", RunPlanPoints.BatchSizes, 1, 4);
    private static readonly Option<int[]> PromptTokens = CommonOptions.PromptTokens(128);
    private static readonly Option<int[]> GenTokens = CommonOptions.GenTokens(64);

    private static readonly Option<double?> PricePerHour = NumberOption.Create("--price-per-hour",
        "USD per hour of one GPU (or the profile's host); else the catalog's on-demand instance with that GPU, per GPU", CostInputs.PricePerHourUsd);

    private static readonly Option<string> Out = CommonOptions.Out(
        "Folder to save forecast.json in; a run folder's report.md and report.html gain a forecast section [default: the --profile's run folder; none without --profile]");

    private static readonly Option<bool> ListGpus = new("--list-gpus") { Description = "List the catalog GPUs with their datasheet figures and exit" };
    private static readonly Option<bool> Json = CommonOptions.Json("one JSON object");

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("forecast", "Forecast tokens/s, TTFT, J/token and $ per 1M tokens on catalog GPUs (or a profile's host), each with a band; labelled forecast, never measured")
        {
            Profile, ModelPath, Manifest, Model, Variant, Gpu, Batch, PromptTokens, GenTokens, PricePerHour, Out, ListGpus, Json,
        };
        command.SetAction(parseResult =>
        {
            var catalog = PricingCatalogLoader.Load(null);
            if (parseResult.GetValue(ListGpus))
            {
                foreach (var gpu in catalog.Gpus)
                    io.Out.WriteLine(gpu.Specs is { } specs
                        ? string.Create(CultureInfo.InvariantCulture, $"{gpu.Id,-16} {(specs.MemoryGiB is { } memory ? memory.ToString("0", CultureInfo.InvariantCulture) : "-"),4} GiB {specs.MemoryBandwidthGBps,6:0} GB/s  fp16 {gpu.PeakDenseTflops,6:0.#} TFLOPS  fp32 {GpuPeaks.Of(gpu, EstimatorProfiles.GpuField).PeakFlopsPerSecond("fp32") / 1e12,5:0.#} TFLOPS  int8 {(specs.PeakDenseInt8Tops is { } int8 ? int8.ToString("0.#", CultureInfo.InvariantCulture) : "-"),6} TOPS  {specs.BoardPowerWatts,4:0} W  {specs.GpuClass}")
                        : $"{gpu.Id,-16} no datasheet specs{(gpu.Note is { } note ? $": {note}" : "")}");
                return ExitCodes.AllOk;
            }
            var profilePath = parseResult.GetValue(Profile);
            var profile = profilePath is null ? null : ProfileJson.Read(profilePath);
            var request = new ForecastRequest(
                profile,
                parseResult.GetValue(ModelPath) ?? [],
                parseResult.GetValue(Gpu) ?? [],
                ForecastPlan.Create(parseResult.GetValue(Batch)!, parseResult.GetValue(PromptTokens)!, parseResult.GetValue(GenTokens)!),
                parseResult.GetValue(PricePerHour),
                parseResult.GetValue(Manifest),
                parseResult.GetValue(Model) ?? [],
                parseResult.GetValue(Variant) ?? []);
            IReadOnlyList<ForecastRow> rows;
            try
            {
                rows = Forecasts.Make(request, catalog, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                io.Error.WriteLine("Stopped while building a synthetic model; nothing forecast.");
                return ExitCodes.Cancelled;
            }
            var forecast = SavedForecast.Of(rows, profile, DateTimeOffset.UtcNow);
            var folder = SaveFolder(parseResult.GetValue(Out), profilePath);
            // Checked before anything is printed or saved: a figure forecast.json cannot hold stops the command whole.
            var json = parseResult.GetValue(Json) || folder is not null ? ForecastJson.Serialize(forecast) : null;
            if (parseResult.GetValue(Json))
                io.Out.Write(json);
            else
                ForecastText.Write(rows, io.Out);
            if (folder is not null)
                Save(forecast, folder, parseResult.GetValue(Out) is null ? Profile.Name : Out.Name, io);
            return ExitCodes.AllOk;
        });
        return command;
    }

    /// <summary>--out, else the folder of a --profile that sits in a run folder (where `profile` writes it).</summary>
    private static string? SaveFolder(string? output, string? profilePath)
    {
        if (output is not null)
            return output;
        var profileFolder = profilePath is null ? null : Path.GetDirectoryName(Path.GetFullPath(profilePath));
        return profileFolder is not null && File.Exists(Path.Combine(profileFolder, RunJson.FileName)) ? profileFolder : null;
    }

    /// <summary>Writes forecast.json into <paramref name="folder"/> (created if missing), and the reports again when it is a run folder.</summary>
    /// <param name="givenBy">The option that gave the folder.</param>
    private static void Save(SavedForecast forecast, string folder, string givenBy, CliIo io)
    {
        var fullPath = Path.GetFullPath(folder);
        try
        {
            Directory.CreateDirectory(fullPath);
            if (File.Exists(Path.Combine(fullPath, RunJson.FileName)))
            {
                var runFolder = RunFolder.Open(fullPath);
                runFolder.SaveForecast(forecast);
                io.Error.WriteLine($"Saved {runFolder.ForecastPath}; {runFolder.ReportPath} and report.html show it under \"{ForecastSection.Heading}\".");
            }
            else
            {
                var path = Path.Combine(fullPath, ForecastJson.FileName);
                AtomicFile.WriteAllText(path, ForecastJson.Serialize(forecast));
                io.Error.WriteLine($"Saved {path}.");
            }
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            throw FileSystemProblem.WriteFailure([givenBy], $"cannot save {ForecastJson.FileName} in {fullPath}: {FileSystemProblem.Reason(e, fullPath)}", e);
        }
    }
}
