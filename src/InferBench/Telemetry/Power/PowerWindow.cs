namespace InferBench.Telemetry.Power;

/// <summary>
/// An open measurement window: the reading at its begin is kept here, the rest comes from the meter's ring when it
/// ends. Windows may nest and overlap.
/// </summary>
public sealed class PowerWindow
{
    private readonly PowerMeter _meter;
    private PowerWindowResult? _result;

    internal PowerWindow(PowerMeter meter, PowerPhase phase, long beginSequence, PowerSample begin, string? beginProblem)
    {
        _meter = meter;
        Phase = phase;
        BeginSequence = beginSequence;
        Begin = begin;
        BeginProblem = beginProblem;
    }

    public PowerPhase Phase { get; }

    internal long BeginSequence { get; }

    internal PowerSample Begin { get; }

    internal string? BeginProblem { get; }

    /// <summary>Takes the closing reading and computes the window's energy. A window ends once.</summary>
    public PowerWindowResult End()
    {
        if (_result is not null)
            throw new InvalidOperationException($"this {JsonEnumName.Of(Phase)} window has already ended");
        _result = _meter.End(this);
        return _result;
    }
}
