using InferBench.Forecast;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>run.json: the whole <see cref="RunResult"/> in its documented format (<see cref="RunJson"/>), from which the other files are rendered; it has no forecasts.</summary>
public sealed class RunJsonExporter : IRunExporter
{
    string IRunExporter.FileName => RunJson.FileName;

    public string Export(RunResult run, SavedForecast? forecast = null) => RunJson.Serialize(run);
}
