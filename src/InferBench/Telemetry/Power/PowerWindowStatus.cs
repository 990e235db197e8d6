using System.Text.Json.Serialization;

namespace InferBench.Telemetry.Power;

[JsonConverter(typeof(JsonStringEnumConverter<PowerWindowStatus>))]
public enum PowerWindowStatus
{
    [JsonStringEnumMemberName("ok")] Ok,
    /// <summary>
    /// Shorter than a few updates of the source, so its reading would be mostly rounding (a counter that did not
    /// tick reads 0 J): repeat the workload inside a longer window.
    /// </summary>
    [JsonStringEnumMemberName("too-short")] TooShort,
    /// <summary>No energy figure: the result's reason says why.</summary>
    [JsonStringEnumMemberName("unavailable")] Unavailable,
}
