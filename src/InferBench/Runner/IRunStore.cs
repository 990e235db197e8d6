using InferBench.Results;

namespace InferBench.Runner;

/// <summary>Where a <see cref="BenchmarkSession"/> saves its run as it goes (the CLI's: the run folder of Reports).</summary>
/// <remarks>Each write replaces its files whole; a file-system failure is thrown as it is (see <see cref="FileSystemProblem"/>).</remarks>
public interface IRunStore
{
    /// <summary>The id the run is saved under; <see cref="RunResult.RunId"/> must match it.</summary>
    string RunId { get; }

    /// <summary>Where the run is saved, for messages.</summary>
    string FullPath { get; }

    /// <summary>Saves the run whole: run.json and the files rendered from it.</summary>
    void WriteAll(RunResult run);

    /// <summary>Saves run.json alone, such as to mark a run whose other files could not be saved.</summary>
    void WriteRunJson(RunResult run);

    /// <summary>Saves the files rendered from run.json, not run.json itself.</summary>
    void WriteReports(RunResult run);
}
