using InferBench.Reports;
using InferBench.Reports.Columns;
using InferBench.Reports.Document;

namespace InferBench.Merge;

/// <summary>The merge's output folder: results.csv, merged.json, report.md and report.html, written atomically as one set.</summary>
public static class MergeFolder
{
    public static IReadOnlyList<string> FileNames { get; } =
        [CsvResultsExporter.FileName, MergedJson.FileName, MarkdownReportExporter.FileName, HtmlReportExporter.FileName];

    /// <summary>The input that names the merge's output folder, which its errors name.</summary>
    public const string Field = "MergeFolder";

    /// <summary>Writes the merged files into <paramref name="folder"/> (created if missing).</summary>
    /// <exception cref="InputFieldException">The folder cannot be created or written (a file in the way, no permission, a read-only
    /// file system), or <see cref="OutOfSpaceException"/>: the disk is full.</exception>
    public static void Write(string folder, RunMerge merge, DateTimeOffset mergedUtc)
    {
        var full = Path.GetFullPath(folder);
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            throw FileSystemProblem.WriteFailure([Field], $"cannot create the folder {full}: {FileSystemProblem.Reason(e, full)}", e);
        }
        var report = MergeReport.For(merge, mergedUtc);
        string[] contents =
        [
            CsvTable.Write(MergedColumns.Csv(merge.Rows.Any(row => row.Priced.Serving is not null)), merge.Rows),
            MergedJson.Serialize(merge, mergedUtc),
            MarkdownRenderer.Render(report),
            HtmlRenderer.Render(report),
        ];
        try
        {
            // As one set: a full disk leaves an earlier merge's four files as they were, not half replaced.
            AtomicFile.WriteAll([.. FileNames.Zip(contents, (name, text) => (Path.Combine(full, name), text))]);
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            throw FileSystemProblem.WriteFailure([Field], $"cannot write into {full}: {FileSystemProblem.Reason(e, full)}", e);
        }
    }
}
