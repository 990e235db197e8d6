using InferBench.Results;

namespace InferBench.Runner;

/// <summary>What a sweep tells its observer (the CLI's progress display) as it goes.</summary>
public interface IRunProgress
{
    void TargetStarted(BenchmarkTarget target, int points);
    void PointStarted(BenchmarkTarget target, PlanPoint point, int repetitions);
    void RepetitionFinished(RepetitionSample sample);
    void RowFinished(ScenarioResult row);
}
