using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>Why a point stopped repeating.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RepetitionStopReason>))]
public enum RepetitionStopReason
{
    /// <summary>A fixed <c>--reps N</c> ran all N.</summary>
    [JsonStringEnumMemberName("planned")] Planned,
    /// <summary><c>--reps auto</c>: the decode tokens/s interval reached the target.</summary>
    [JsonStringEnumMemberName("precise")] Precise,
    /// <summary><c>--reps auto</c>: <c>--max-reps</c> ran before the target was reached.</summary>
    [JsonStringEnumMemberName("max-reps")] MaxReps,
    /// <summary><c>--reps auto</c>: another repetition would have run past <c>--max-seconds-per-point</c>.</summary>
    [JsonStringEnumMemberName("time-cap")] TimeCap,
    /// <summary>The run was stopped (Ctrl-C, SIGTERM) during the point.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
