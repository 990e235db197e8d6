namespace InferBench.Telemetry.Power;

/// <summary>A source that was tried and could not be opened, and why, in words a user can act on.</summary>
public sealed record UnavailableSource(PowerSourceChoice Source, PowerErrorKind Error, string Reason);
