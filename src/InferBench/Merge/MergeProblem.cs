namespace InferBench.Merge;

/// <summary>A folder the merge could not use, or used with a caveat: <see cref="Folder"/> and what is wrong with it.</summary>
public sealed record MergeProblem(string Folder, string Problem)
{
    public override string ToString() => $"{Folder}: {Problem}";
}
