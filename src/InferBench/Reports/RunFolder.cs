using System.Globalization;
using System.Security.Cryptography;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// One run's folder, <c>results/&lt;run id&gt;/</c>, holding run.json, results.csv, report.md and report.html (layout: results/README.md).
/// The run id is the folder name: the UTC start time <c>yyyyMMdd-HHmmss</c>, a dash and six random hex digits.
/// </summary>
public sealed class RunFolder
{
    private static readonly CsvResultsExporter Csv = new();
    private static readonly MarkdownReportExporter Markdown = new();
    private static readonly HtmlReportExporter Html = new();

    private RunFolder(string fullPath)
    {
        FullPath = fullPath;
        RunId = Path.GetFileName(fullPath);
    }

    public string FullPath { get; }
    public string RunId { get; }
    public string RunJsonPath => Path.Combine(FullPath, RunJson.FileName);
    public string CsvPath => Path.Combine(FullPath, Csv.FileName);
    public string ReportPath => Path.Combine(FullPath, Markdown.FileName);
    public string HtmlReportPath => Path.Combine(FullPath, Html.FileName);

    /// <summary>A run id for a run started at <paramref name="utcNow"/>: ids sort by start time, and the suffix keeps runs started in the same second apart.</summary>
    public static string NewRunId(DateTimeOffset utcNow) =>
        utcNow.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>Creates a new, empty run folder under <paramref name="resultsDirectory"/> (created if missing).</summary>
    public static RunFolder Create(string resultsDirectory, DateTimeOffset startedUtc)
    {
        var root = Path.GetFullPath(resultsDirectory);
        while (true)
        {
            var folder = Path.Combine(root, NewRunId(startedUtc));
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                return new RunFolder(folder);
            }
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

    /// <exception cref="InputException">run.json is missing or cannot be read (see <see cref="RunJson.Deserialize"/>).</exception>
    public RunResult Read()
    {
        var file = RunJsonPath;
        return File.Exists(file)
            ? RunJson.Deserialize(File.ReadAllText(file), file)
            : throw new InputException($"No {RunJson.FileName} in run folder {FullPath} (expected {file}).");
    }

    /// <summary>
    /// Writes run.json, results.csv, report.md and report.html. Each file is replaced atomically, so this can be called after every
    /// finished point and a reader never sees a half-written file.
    /// </summary>
    public void WriteAll(RunResult run)
    {
        if (run.RunId != RunId)
        {
            throw new ArgumentException($"Run {run.RunId} does not belong in run folder {FullPath}.", nameof(run));
        }
        AtomicFile.WriteAllText(RunJsonPath, RunJson.Serialize(run));
        WriteReports(run);
    }

    /// <summary>Writes results.csv, report.md and report.html (not run.json), for rendering them again from run.json.</summary>
    public void WriteReports(RunResult run)
    {
        AtomicFile.WriteAllText(CsvPath, Csv.Export(run));
        AtomicFile.WriteAllText(ReportPath, Markdown.Export(run));
        AtomicFile.WriteAllText(HtmlReportPath, Html.Export(run));
    }
}
