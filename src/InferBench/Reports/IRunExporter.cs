using InferBench.Results;

namespace InferBench.Reports;

/// <summary>Turns a <see cref="RunResult"/> into the text of one file of the run folder.</summary>
public interface IRunExporter
{
    /// <summary>The file name inside the run folder, such as <c>results.csv</c>.</summary>
    string FileName { get; }

    string Export(RunResult run);
}
