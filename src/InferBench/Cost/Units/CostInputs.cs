namespace InferBench.Cost.Units;

/// <summary>
/// The ranges of the numbers a user prices with. Each has a finite floor and ceiling, wide enough for any real
/// hardware, API or workload, and narrow enough that every figure computed from them (divisions by throughput and
/// utilisation, monthly products) stays a finite number.
/// </summary>
public static class CostInputs
{
    private const double MaxUsd = 1e12;
    private const double MaxUsdPerHour = 1e6;
    private const double MaxUsdPerMillionTokens = 1e6;
    private const double MaxTokensPerSecond = 1e9;
    /// <summary>One token every 1000 s: slower is not a throughput to price.</summary>
    private const double MinTokensPerSecond = 0.001;
    private const double MaxTokensPerMonth = 1e18;

    public static InputRange PricePerHourUsd { get; } = new(nameof(PricePerHourUsd), 0, MaxUsdPerHour);
    public static InputRange HardwareCostUsd { get; } = new(nameof(HardwareCostUsd), 0, MaxUsd);
    public static InputRange AmortizationYears { get; } = new(nameof(AmortizationYears), 0.01, 100);
    public static InputRange HoursPerMonth { get; } = new(nameof(HoursPerMonth), 0, CostCalendar.HoursPerMonth, MinimumExcluded: true);

    /// <summary>Of paid hours, or of a GPU's peak in training; a 0.1 % floor, since cost per token divides by it.</summary>
    public static InputRange Utilization { get; } = new(nameof(Utilization), 0.001, 1);

    public static InputRange TokensPerSecond { get; } = new(nameof(TokensPerSecond), MinTokensPerSecond, MaxTokensPerSecond);
    public static InputRange PromptTokensPerSecond { get; } = new(nameof(PromptTokensPerSecond), MinTokensPerSecond, MaxTokensPerSecond);
    public static InputRange JoulesPerToken { get; } = new(nameof(JoulesPerToken), 0, 1e6);
    public static InputRange ElectricityUsdPerKilowattHour { get; } = new(nameof(ElectricityUsdPerKilowattHour), 0, 1000);
    public static InputRange Pue { get; } = new(nameof(Pue), 1, 10);
    public static InputRange GridGramsCo2PerKilowattHour { get; } = new(nameof(GridGramsCo2PerKilowattHour), 0, 10_000);
    public static InputRange ApiUsdPerMillionInputTokens { get; } = new(nameof(ApiUsdPerMillionInputTokens), 0, MaxUsdPerMillionTokens);
    public static InputRange ApiUsdPerMillionOutputTokens { get; } = new(nameof(ApiUsdPerMillionOutputTokens), 0, MaxUsdPerMillionTokens);
    public static InputRange InputTokensPerOutputToken { get; } = new(nameof(InputTokensPerOutputToken), 0, 1e6);
    public static InputRange InputTokensPerMonth { get; } = new(nameof(InputTokensPerMonth), 0, MaxTokensPerMonth);
    public static InputRange OutputTokensPerMonth { get; } = new(nameof(OutputTokensPerMonth), 1, MaxTokensPerMonth);

    public static InputRange TrainingParameters { get; } = new(nameof(TrainingParameters), 1, 1e15);
    public static InputRange TrainingTokens { get; } = new(nameof(TrainingTokens), 1, 1e18);
    public static InputRange SustainedTflopsPerGpu { get; } = new(nameof(SustainedTflopsPerGpu), 0.001, 1e6);
    public static InputRange PricePerGpuHourUsd { get; } = new(nameof(PricePerGpuHourUsd), 0, MaxUsdPerHour);
    /// <summary>A million GPUs: beyond any cluster built, and the count stays an int.</summary>
    public static InputRange Gpus { get; } = new(nameof(Gpus), 1, 1e6, WholeNumber: true);
}
