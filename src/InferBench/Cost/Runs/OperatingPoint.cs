using InferBench.Cost.Units;
using InferBench.Results;

namespace InferBench.Cost.Runs;

/// <summary>One measured batch of a variant and workload, as the frontier plots it.</summary>
/// <param name="Row">The measured row.</param>
/// <param name="MachineTokensPerSecond">Median decode tok/s of the whole batch: what the machine generates (tokens/s).</param>
/// <param name="PerSequenceTokensPerSecond">The same / batch size: what one user sees (tokens/s per sequence).</param>
/// <param name="HardwarePerMillionGeneratedTokens">Hardware $ per 1M generated tokens at that throughput; null without a price.</param>
/// <param name="JoulesPerGeneratedToken">The row's gross J/token; null without an energy figure.</param>
/// <param name="Verdict">The row against the targets; null without targets.</param>
public sealed record OperatingPoint(
    ScenarioResult Row,
    double MachineTokensPerSecond,
    double PerSequenceTokensPerSecond,
    UsdPerMillionTokens? HardwarePerMillionGeneratedTokens,
    JoulesPerToken? JoulesPerGeneratedToken,
    TargetVerdict? Verdict)
{
    /// <summary>True when the row meets every target (or there are none).</summary>
    public bool MeetsTargets => Verdict is null || Verdict.Met;
}
