using System.Globalization;
using System.Security.Cryptography;
using InferBench.Forecast;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Reports;

/// <summary>
/// One run's folder, <c>results/&lt;run id&gt;/</c>, holding run.json, results.csv, report.md and report.html (layout: results/README.md).
/// The run id is the folder name: the UTC start time <c>yyyyMMdd-HHmmss</c>, a dash and six random hex digits.
/// </summary>
public sealed class RunFolder : IRunStore
{
    /// <summary>The files rendered from run.json, each written by <see cref="WriteReports"/>.</summary>
    public static IReadOnlyList<IRunExporter> Exporters { get; } = [new CsvResultsExporter(), new MarkdownReportExporter(), new HtmlReportExporter()];

    /// <summary>The writer of run.json, the file the others are rendered from.</summary>
    private static readonly IRunExporter RunJsonWriter = new RunJsonExporter();

    private readonly Action<string, string> _writeFile;

    private RunFolder(string fullPath, Action<string, string>? writeFile = null)
    {
        FullPath = fullPath;
        RunId = Path.GetFileName(fullPath);
        _writeFile = writeFile ?? AtomicFile.WriteAllText;
    }

    public string FullPath { get; }
    public string RunId { get; }
    public string RunJsonPath => Path.Combine(FullPath, RunJson.FileName);
    public string CsvPath => Path.Combine(FullPath, CsvResultsExporter.FileName);
    public string ReportPath => Path.Combine(FullPath, MarkdownReportExporter.FileName);
    public string HtmlReportPath => Path.Combine(FullPath, HtmlReportExporter.FileName);
    public string ForecastPath => Path.Combine(FullPath, ForecastJson.FileName);

    /// <summary>A run id for a run started at <paramref name="utcNow"/>: ids sort by start time, and the suffix keeps runs started in the same second apart.</summary>
    public static string NewRunId(DateTimeOffset utcNow) =>
        utcNow.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>The input that names the folder run folders go to, which <see cref="Create"/>'s errors name.</summary>
    public const string ResultsFolderField = nameof(RunOutputSettings.ResultsFolder);

    /// <summary>Creates a new, empty run folder under <paramref name="resultsDirectory"/> (created if missing).</summary>
    /// <param name="writeFile">Writes one file (path, contents); <see cref="AtomicFile.WriteAllText"/> unless a test stands in a full disk.</param>
    /// <exception cref="InputFieldException">The folder cannot be created there (empty path, a file in the way, no permission); the message names the path and the reason.</exception>
    public static RunFolder Create(string resultsDirectory, DateTimeOffset startedUtc, Action<string, string>? writeFile = null)
    {
        if (string.IsNullOrWhiteSpace(resultsDirectory))
            throw new InputFieldException([ResultsFolderField], $"expected a folder path, got \"{resultsDirectory}\"");
        var root = Path.GetFullPath(resultsDirectory);
        while (true)
        {
            var folder = Path.Combine(root, NewRunId(startedUtc));
            if (Directory.Exists(folder))
                continue;
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
            {
                throw FileSystemProblem.WriteFailure([ResultsFolderField], $"cannot create a run folder in {root}: {FileSystemProblem.Reason(e, root)}", e);
            }
            return new RunFolder(folder, writeFile);
        }
    }

    /// <exception cref="InputException">The folder does not exist.</exception>
    public static RunFolder Open(string runFolder)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runFolder));
        return Directory.Exists(folder) ? new RunFolder(folder) : throw new InputException($"Run folder not found: {folder}");
    }

    /// <summary>Reads the run.json of <paramref name="runFolder"/>.</summary>
    /// <exception cref="InputException">The folder or its run.json is missing or cannot be read; the message names the path.</exception>
    public static RunResult Read(string runFolder) => Open(runFolder).Read();

    /// <exception cref="InputException">run.json is missing, unreadable (permission denied) or not a run (see <see cref="RunJson.Deserialize"/>).</exception>
    public RunResult Read()
    {
        var file = RunJsonPath;
        return File.Exists(file)
            ? RunJson.Deserialize(InputFile.ReadAllText(file, RunJson.FileName), file)
            : throw new InputException($"No {RunJson.FileName} in run folder {FullPath} (expected {file}).");
    }

    /// <summary>
    /// Writes run.json, results.csv, report.md and report.html. Each file is replaced atomically, so this can be called after every
    /// finished point and a reader never sees a half-written file. A damaged forecast.json in the folder does not stop it.
    /// </summary>
    public void WriteAll(RunResult run)
    {
        if (run.RunId != RunId)
        {
            throw new ArgumentException($"Run {run.RunId} does not belong in run folder {FullPath}.", nameof(run));
        }
        WriteRunJson(run);
        WriteReports(run);
    }

    /// <summary>Writes run.json alone (atomically), such as to mark a run whose other files could not be saved.</summary>
    public void WriteRunJson(RunResult run) => Write(RunJsonWriter, run, null);

    /// <summary>
    /// Writes the file of each of <see cref="Exporters"/> (not run.json), as a run saves them: the human reports gain a
    /// forecast section when the folder holds a forecast.json that reads; one that does not is left out, never stopping
    /// the run's saves (<see cref="RenderReports"/> names its problem).
    /// </summary>
    public void WriteReports(RunResult run) => WriteReports(run, ReadableForecast());

    /// <summary>
    /// Writes the file of each of <see cref="Exporters"/> again from run.json (<c>inferbench report</c>); the human reports
    /// gain a forecast section when the folder holds a forecast.json.
    /// </summary>
    /// <exception cref="InputException">forecast.json is there but unreadable or not a forecast; the message names the file.</exception>
    public void RenderReports(RunResult run) => WriteReports(run, SavedForecast());

    private void WriteReports(RunResult run, SavedForecast? forecast)
    {
        foreach (var exporter in Exporters)
            Write(exporter, run, forecast);
    }

    private void Write(IRunExporter exporter, RunResult run, SavedForecast? forecast) =>
        _writeFile(Path.Combine(FullPath, exporter.FileName), exporter.Export(run, forecast));

    /// <summary>The folder's forecast.json; null when there is none.</summary>
    /// <exception cref="InputException">It is there but unreadable or not a forecast.</exception>
    private SavedForecast? SavedForecast() => File.Exists(ForecastPath) ? ForecastJson.Read(ForecastPath) : null;

    /// <summary>The folder's forecast.json; null when there is none or it does not read as a forecast.</summary>
    private SavedForecast? ReadableForecast()
    {
        try
        {
            return SavedForecast();
        }
        catch (InputException)
        {
            return null;
        }
    }

    /// <summary>Writes forecast.json (atomically), then the reports again from run.json so that they show it.</summary>
    /// <exception cref="InputException">run.json is missing or unreadable.</exception>
    public void SaveForecast(SavedForecast forecast)
    {
        var run = Read();
        _writeFile(ForecastPath, ForecastJson.Serialize(forecast));
        WriteReports(run, forecast);
    }
}
