using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace InferBench.Telemetry.Power.Rapl;

/// <summary>
/// One RAPL package zone: its energy_uj file stays open and is re-read from offset 0 (sysfs regenerates the value),
/// into a buffer kept for the purpose, so a reading allocates nothing.
/// </summary>
internal sealed class RaplZone : IDisposable
{
    private readonly SafeFileHandle _energy;
    private readonly byte[] _buffer = new byte[32];

    public RaplZone(PowerDevice device, SafeFileHandle energy, ulong maxEnergyRangeMicrojoules)
    {
        Device = device;
        _energy = energy;
        Counter = new EnergyCounterTracker(maxEnergyRangeMicrojoules);
    }

    public PowerDevice Device { get; }

    public EnergyCounterTracker Counter { get; }

    /// <summary>Reads energy_uj into <see cref="Counter"/>; false when the file gave no number.</summary>
    public bool Update()
    {
        var length = RandomAccess.Read(_energy, _buffer, 0);
        if (!Utf8Parser.TryParse(_buffer.AsSpan(0, length), out ulong microjoules, out _))
            return false;
        Counter.Update(microjoules);
        return true;
    }

    public void Dispose() => _energy.Dispose();
}
