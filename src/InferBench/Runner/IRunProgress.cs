using InferBench.Engines;
using InferBench.Results;

namespace InferBench.Runner;

/// <summary>What a sweep tells its observer (the CLI's progress display) as it goes.</summary>
public interface IRunProgress
{
    /// <param name="points">The target's plan points; with <paramref name="atMost"/> (<c>--batch auto</c>), the most there can be.</param>
    void TargetStarted(BenchmarkTarget target, int points, bool atMost);
    void PointStarted(BenchmarkTarget target, PlanPoint point, int repetitions);
    void RepetitionFinished(RepetitionSample sample);
    void RowFinished(ScenarioResult row);
}
