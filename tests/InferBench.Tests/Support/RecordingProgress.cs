using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Tests.Support;

public sealed class RecordingProgress(Action<RepetitionSample>? onRepetition = null) : IRunProgress
{
    public List<ScenarioResult> Rows { get; } = [];

    public void TargetStarted(BenchmarkTarget target, int points, bool atMost) { }
    public void PointStarted(BenchmarkTarget target, PlanPoint point, int repetitions) { }
    public void RepetitionFinished(RepetitionSample sample) => onRepetition?.Invoke(sample);
    public void RowFinished(ScenarioResult row) => Rows.Add(row);
}
