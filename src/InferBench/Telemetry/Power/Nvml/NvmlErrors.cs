namespace InferBench.Telemetry.Power.Nvml;

/// <summary>The one place NVML return codes (nvmlReturn_t) become the small error set.</summary>
internal static class NvmlErrors
{
    public const int Success = 0;
    public const int NotSupported = 3;

    public static PowerErrorKind Translate(int code) => code switch
    {
        NotSupported or 13 => PowerErrorKind.NotSupported, // 13 FUNCTION_NOT_FOUND: the driver predates the call
        4 => PowerErrorKind.PermissionDenied,
        6 or 9 or 12 => PowerErrorKind.Missing, // NOT_FOUND, DRIVER_NOT_LOADED, LIBRARY_NOT_FOUND
        15 => PowerErrorKind.DeviceLost,
        _ => PowerErrorKind.Failed,
    };
}
