namespace InferBench.Engines.GenAiServing;

/// <summary>What an Engine event carries (OgaEngineEventFlags in ort_genai_c.h).</summary>
[Flags]
public enum OgaEventFlags : uint
{
    None = 0,
    Token = 1u << 0,
    TurnFinished = 1u << 1,
    CapacityBlocked = 1u << 2,
    Failed = 1u << 3,
    Retryable = 1u << 4,
}
