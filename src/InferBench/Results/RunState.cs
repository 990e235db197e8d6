using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>Whether a run's files hold everything it set out to measure (run.json <c>state</c>; results/README.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunState>))]
public enum RunState
{
    /// <summary>The plan ran to its end and the files were saved.</summary>
    [JsonStringEnumMemberName("complete")] Complete,
    /// <summary>
    /// Written when the run starts and after every row; a file that still says so after the process ended was cut off
    /// (SIGKILL, a second Ctrl-C, a crash): it holds the rows saved until then.
    /// </summary>
    [JsonStringEnumMemberName("in-progress")] InProgress,
    /// <summary>Stopped by Ctrl-C or SIGTERM after the current repetition; the files hold what was measured.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    /// <summary>A save failed (such as a full disk) and the run stopped; the files hold the last good save.</summary>
    [JsonStringEnumMemberName("incomplete")] Incomplete,
}
