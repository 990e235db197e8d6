namespace InferBench.Engines;

/// <summary>Why a served request's turn ended.</summary>
public enum ServingFinishReason
{
    EndOfSequence,
    StopString,
    MaxGeneratedTokens,
    MaxSessionTokens,
    Cancelled,
    Failed,
}
