namespace InferBench.Cli;

/// <summary>Token lengths as <c>serve</c> takes them: one length (<see cref="Min"/> = <see cref="Max"/>) or a range drawn uniformly.</summary>
public readonly record struct TokenRange(int Min, int Max)
{
    public bool IsFixed => Min == Max;

    public override string ToString() => IsFixed ? $"{Min}" : $"{Min}-{Max}";
}
