namespace InferBench.Forecast;

/// <summary>One measured step of a profile: what it moved and computed, the rates it achieved, and the fit's prediction.</summary>
/// <param name="BoundBy">"memory" or "compute": the fit's larger term for this step.</param>
public sealed record ProfilePoint(
    string Phase,
    int BatchSize,
    int PromptTokens,
    int GenTokens,
    double ContextTokens,
    double BytesPerStep,
    double FlopsPerStep,
    double MeasuredStepSeconds,
    double AchievedBandwidthBytesPerSecond,
    double AchievedFlopsPerSecond,
    double PredictedStepSeconds,
    double RelativeResidual,
    string BoundBy);
