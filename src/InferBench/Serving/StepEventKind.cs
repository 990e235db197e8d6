namespace InferBench.Serving;

/// <summary>What a <see cref="StepEvent"/> says happened to its request.</summary>
internal enum StepEventKind
{
    Token,
    Finished,
    Failed,
}
