using InferBench.Reports;

namespace InferBench.Merge;

/// <summary>
/// Finds the run folders under what <c>inferbench merge</c> was given: a folder holding run.json is a run; any other
/// folder is searched for run folders below it (as a scheduler or an upload leaves them: campaign/shard-0/&lt;run id&gt;/),
/// without looking inside a run folder.
/// </summary>
public static class RunDiscovery
{
    /// <summary>How deep below a given folder run folders are looked for.</summary>
    public const int MaxDepth = 8;

    /// <param name="paths">Folders as given, in order.</param>
    /// <returns>Each run folder once (full paths, in the order given, sorted by path below each), and a problem per path that holds none.</returns>
    public static (IReadOnlyList<string> RunFolders, IReadOnlyList<MergeProblem> Problems) Find(IEnumerable<string> paths)
    {
        var found = new List<string>();
        var problems = new List<MergeProblem>();
        foreach (var given in paths)
        {
            var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(given));
            if (!Directory.Exists(folder))
            {
                problems.Add(new MergeProblem(folder, File.Exists(folder)
                    ? "is a file, not a run folder or a folder of run folders"
                    : "not found"));
                continue;
            }
            var runs = Below(folder, 0, problems);
            if (runs.Count == 0)
                problems.Add(new MergeProblem(folder, $"no {RunJson.FileName} in it or in its subfolders (up to {MaxDepth} levels down)"));
            found.AddRange(runs);
        }
        return ([.. found.Distinct(StringComparer.Ordinal)], problems);
    }

    private static List<string> Below(string folder, int depth, List<MergeProblem> problems)
    {
        if (File.Exists(Path.Combine(folder, RunJson.FileName)))
            return [folder];
        if (depth >= MaxDepth)
            return [];
        string[] children;
        try
        {
            children = Directory.GetDirectories(folder);
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            problems.Add(new MergeProblem(folder, $"cannot be listed: {FileSystemProblem.Reason(e, folder)}"));
            return [];
        }
        Array.Sort(children, StringComparer.Ordinal);
        return [.. children.SelectMany(child => Below(child, depth + 1, problems))];
    }
}
