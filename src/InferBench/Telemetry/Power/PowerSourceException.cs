namespace InferBench.Telemetry.Power;

/// <summary>A source could not be opened; <see cref="PowerSources"/> turns it into an <see cref="UnavailableSource"/>.</summary>
internal sealed class PowerSourceException(PowerErrorKind kind, string message) : Exception(message)
{
    public PowerErrorKind Kind { get; } = kind;
}
