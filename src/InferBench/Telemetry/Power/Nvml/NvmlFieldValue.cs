using System.Runtime.InteropServices;

namespace InferBench.Telemetry.Power.Nvml;

/// <summary>
/// nvmlFieldValue_t (nvml.h), 40 bytes: the request and answer of nvmlDeviceGetFieldValues for one field. Only the
/// members read here are declared; scopeId (4, 0 = whole GPU), timestamp (8) and latency (16) keep their defaults.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct NvmlFieldValue
{
    /// <summary>NVML_FI_DEV_POWER_INSTANT: power now, in mW, on every architecture.</summary>
    public const uint PowerInstantField = 186;

    [FieldOffset(0)] public uint FieldId;
    [FieldOffset(24)] public int ValueType;
    [FieldOffset(28)] public int Return;
    [FieldOffset(32)] public double DoubleValue;
    [FieldOffset(32)] public uint UIntValue;
    [FieldOffset(32)] public ulong ULongValue;
    [FieldOffset(32)] public long LongValue;
    [FieldOffset(32)] public int IntValue;

    /// <summary>The value by its nvmlValueType_t: 0 double, 1 uint, 2 ulong, 3 ulonglong, 4 slonglong, 5 sint.</summary>
    public readonly double? Value => ValueType switch
    {
        0 => DoubleValue,
        1 => UIntValue,
        2 or 3 => ULongValue,
        4 => LongValue,
        5 => IntValue,
        _ => null,
    };
}
