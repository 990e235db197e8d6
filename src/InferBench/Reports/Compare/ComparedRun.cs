namespace InferBench.Reports.Compare;

/// <summary>One run of a comparison: its label in the table ("A" is the baseline), its run id and its folder.</summary>
public sealed record ComparedRun(string Label, string RunId, string Folder);
