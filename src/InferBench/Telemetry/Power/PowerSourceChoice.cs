namespace InferBench.Telemetry.Power;

/// <summary>Which source to measure with: <c>auto</c> takes the first available of NVML, RAPL, estimate.</summary>
public enum PowerSourceChoice
{
    Auto,
    Nvml,
    Rapl,
    Estimate,
    None,
}
