using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Tests.Support;

/// <summary>A run store that keeps each save in memory; <c>failAt</c> (a 1-based count of whole saves) stands in a full disk there and after.</summary>
public sealed class MemoryRunStore(int? failAt = null) : IRunStore
{
    public string RunId => "20260101-000000-abcdef";
    public string FullPath => "/memory/" + RunId;
    public List<RunResult> Saves { get; } = [];
    public List<RunResult> RunJsonSaves { get; } = [];
    public List<RunResult> ReportSaves { get; } = [];

    public void WriteAll(RunResult run)
    {
        if (Saves.Count + 1 >= failAt)
            throw new IOException("No space left on device");
        Saves.Add(run);
    }

    public void WriteRunJson(RunResult run) => RunJsonSaves.Add(run);

    public void WriteReports(RunResult run) => ReportSaves.Add(run);
}
