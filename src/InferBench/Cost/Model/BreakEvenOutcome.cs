namespace InferBench.Cost.Model;

public enum BreakEvenOutcome
{
    /// <summary>Below the volume the API is cheaper, above it (up to the hardware's capacity) self-hosting is.</summary>
    AtVolume,
    /// <summary>
    /// Even busy at the assumed utilisation, self-hosting costs more per token than the API: no volume pays it back.
    /// </summary>
    ApiAlwaysCheaper,
    /// <summary>Self-hosting has no fixed cost (paid-off hardware) and costs less per token: it is cheaper from the first token.</summary>
    SelfHostingAlwaysCheaper,
}
