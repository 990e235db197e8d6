using System.Text.Json.Serialization;

namespace InferBench.Telemetry.Power;

/// <summary>The small set every vendor error is translated into, once, where the source meets the vendor's API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PowerErrorKind>))]
public enum PowerErrorKind
{
    /// <summary>The library, driver, interface or device is not there.</summary>
    [JsonStringEnumMemberName("missing")] Missing,
    /// <summary>There, but cannot report this (old GPU, function absent).</summary>
    [JsonStringEnumMemberName("not-supported")] NotSupported,
    [JsonStringEnumMemberName("permission-denied")] PermissionDenied,
    /// <summary>The device stopped answering (NVML GPU_IS_LOST).</summary>
    [JsonStringEnumMemberName("device-lost")] DeviceLost,
    [JsonStringEnumMemberName("failed")] Failed,
}
