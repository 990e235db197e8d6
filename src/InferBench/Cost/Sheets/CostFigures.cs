using InferBench.Cost.Model;
using InferBench.Cost.Units;
using static InferBench.Cost.Sheets.CostFormat;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Cost.Sheets;

/// <summary>The figure groups <c>inferbench cost</c> prints, built from cost results so text and JSON show the same numbers.</summary>
public static class CostFigures
{
    public static FigureGroup Hardware(HardwareCost hardware)
    {
        var owned = hardware is OwnedHardware;
        List<Figure> figures =
        [
            Figure.Number("usdPerHour", owned ? "amortised per hour" : "per hour", hardware.Hourly.Value, $"{Usd(hardware.Hourly.Value)}/h"),
            Money("usdPerDay", "per day (24 h)", hardware.Hourly.Over(CostCalendar.HoursPerDay), "/day"),
            Money("usdPer30DayMonth", "per 30-day month (720 h)", hardware.Hourly.Over(CostCalendar.HoursPerMonth), "/month"),
        ];
        if (hardware.PaidHoursPerMonth != CostCalendar.HoursPerMonth)
            figures.Add(Money("usdPerPaidMonth", $"per month of {AsGiven(hardware.PaidHoursPerMonth)} paid h", hardware.FixedPerMonth, "/month"));
        return owned
            ? new("hardware", "Hardware (owned)", figures, "The purchase is spread over every hour of its amortisation period; electricity is extra.")
            : new("hardware", "Hardware (rented)", figures);
    }

    public static FigureGroup Tokens(InferenceCost cost)
    {
        var throughput = cost.Throughput;
        List<Figure> figures = [Figure.Number("decodeTokensPerSecond", "generation throughput", throughput.Decode.Value, $"{Grouped(throughput.Decode.Value)} tokens/s")];
        if (cost.Assumptions.Hardware.PaysElectricitySeparately)
        {
            figures.Add(PerMillion("hardwareUsdPerMillionGeneratedTokens", "generated tokens, hardware", cost.HardwarePerMillionGeneratedTokens));
            figures.Add(cost.PerMillionGeneratedTokens is { } total
                ? PerMillion("usdPerMillionGeneratedTokens", "generated tokens, with electricity", total)
                : Figure.Unavailable("usdPerMillionGeneratedTokens", "generated tokens, with electricity", "energy per token unknown"));
        }
        else
        {
            figures.Add(PerMillion("usdPerMillionGeneratedTokens", "generated tokens", cost.HardwarePerMillionGeneratedTokens));
        }
        if (throughput.Prefill is { } prefill && cost.HardwarePerMillionPromptTokens is { } prompt)
        {
            figures.Add(Figure.Number("prefillTokensPerSecond", "prompt throughput", prefill.Value, $"{Grouped(prefill.Value)} tokens/s"));
            figures.Add(PerMillion("hardwareUsdPerMillionPromptTokens", "prompt tokens, hardware time", prompt));
        }
        return new("tokens", "Tokens", figures,
            "Each figure charges its own phase's hardware time at the assumed utilisation; idle paid time is included.");
    }

    /// <summary>
    /// A serving point's tokens: its output tokens/s (prompts processed among them), hardware $ per 1M output tokens, and
    /// the same split into input and output $/1M at the point's mix in <paramref name="sheetName"/>'s proportion.
    /// </summary>
    public static FigureGroup Serving(InferenceCost cost, ApiPrice? split, TokenMix mix, string sheetName)
    {
        var output = cost.Throughput.Decode.Value;
        List<Figure> figures =
        [
            Figure.Number("outputTokensPerSecond", "output throughput under load", output, $"{Grouped(output)} tokens/s"),
            Figure.Number("inputTokensPerOutputToken", "input tokens per output token", mix.InputTokensPerOutputToken, Grouped(mix.InputTokensPerOutputToken)),
            PerMillion("hardwareUsdPerMillionOutputTokens", "output tokens, hardware, prompts included", cost.HardwarePerMillionGeneratedTokens, "output tokens"),
        ];
        if (split is not null)
        {
            figures.Add(PerMillion("splitUsdPerMillionInputTokens", "split as a price sheet: input", split.Input, "input tokens"));
            figures.Add(PerMillion("splitUsdPerMillionOutputTokens", "split as a price sheet: output", split.Output, "output tokens"));
        }
        return new("serving", "Tokens under load", figures,
            "A serving point's output tokens/s include its prompts' processing, so its hardware time is charged to output tokens at " +
            $"the assumed utilisation; the split lists the same cost as input and output prices in {sheetName}'s proportion at the point's mix.");
    }

    /// <param name="unavailableReason">Why there is no energy figure when <paramref name="cost"/> has none.</param>
    /// <param name="source">Where the J/token comes from: an energy_source label, or "given" for --joules-per-token.</param>
    /// <param name="method">How that source obtains energy (an estimate says it is one); null when not known.</param>
    public static FigureGroup Energy(InferenceCost cost, string unavailableReason, string source, string? method) => cost.Energy is { } energy
        ? Energy(energy, cost.Assumptions.Hardware, source, method)
        : new("energy", "Energy per 1M generated tokens",
            [.. Source("unavailable", method: null), Figure.Unavailable("joulesPerToken", "energy per token", unavailableReason)]);

    /// <param name="hardware">The hardware the energy is drawn by, when a price was given: a rental's price includes it.</param>
    /// <param name="source">Where the J/token comes from: an energy_source label, or "given" for --joules-per-token.</param>
    /// <param name="method">How that source obtains energy (an estimate says it is one); null when not known.</param>
    public static FigureGroup Energy(EnergyCost energy, HardwareCost? hardware, string source, string? method) => new("energy",
        $"Energy per 1M generated tokens ({source})",
    [
        .. Source(source, method),
        Figure.Number("joulesPerToken", "energy per token at the hardware", energy.PerToken.Value, $"{Grouped(energy.PerToken.Value)} J/token"),
        Figure.Number("facilityKwhPerMillionTokens", "at the facility (x PUE)", energy.FacilityKilowattHoursPerMillionTokens,
            $"{Grouped(energy.FacilityKilowattHoursPerMillionTokens)} kWh/1M tokens"),
        PerMillion("electricityUsdPerMillionTokens", "electricity", energy.Electricity),
        Figure.Number("gramsCo2PerMillionTokens", "CO2", energy.GramsCo2PerMillionTokens, $"{Grouped(energy.GramsCo2PerMillionTokens)} gCO2/1M tokens"),
    ], hardware is { PaysElectricitySeparately: false } ? "Rented hardware: electricity is in the hourly price; shown for comparison, not added." : null);

    /// <summary>The energy figures' source and how it works, first in their group so an estimate never reads as a measurement.</summary>
    private static IEnumerable<Figure> Source(string source, string? method) => method is null
        ? [Figure.Word("energySource", "energy source", source, source)]
        : [Figure.Word("energySource", "energy source", source, source), Figure.Word("energyMethod", "energy method", method, method)];

    public static FigureGroup BreakEven(BreakEven breakEven)
    {
        List<Figure> figures =
        [
            PerMillion("apiUsdPerMillionOutputTokens", "API, input included", breakEven.Api.PerMillionOutputTokens, "output tokens"),
            Money("selfHostingFixedUsdPerMonth", "self-hosting, fixed", breakEven.SelfHostingFixedPerMonth, "/month"),
            PerMillion("selfHostingVariableUsdPerMillionOutputTokens", "self-hosting, per token",
                breakEven.SelfHostingVariablePerMillionOutputTokens, "output tokens"),
            PerMillion("selfHostingUsdPerMillionOutputTokensAtCapacity", "self-hosting, at capacity",
                breakEven.SelfHostingPerMillionOutputTokensAtCapacity, "output tokens"),
            TokensPerMonth("capacityOutputTokensPerMonth", "capacity, output", breakEven.CapacityOutputTokensPerMonth),
        ];
        figures.AddRange(breakEven.Outcome switch
        {
            BreakEvenOutcome.AtVolume =>
            [
                Figure.Word("outcome", "outcome", "at-volume", "self-hosting is cheaper above the break-even volume"),
                TokensPerMonth("breakEvenOutputTokensPerMonth", "break-even, output", breakEven.OutputTokensPerMonth!.Value),
                TokensPerMonth("breakEvenInputTokensPerMonth", "break-even, input", breakEven.InputTokensPerMonth!.Value),
                Figure.Number("utilizationAtBreakEven", "utilisation at break-even", breakEven.UtilizationAtBreakEven!.Value,
                    Percent(breakEven.UtilizationAtBreakEven.Value)),
            ],
            BreakEvenOutcome.ApiAlwaysCheaper =>
            [
                Figure.Word("outcome", "outcome", "api-always-cheaper",
                    "none: the API is cheaper at any volume (self-hosting costs more per token even at capacity)"),
            ],
            _ =>
            [
                Figure.Word("outcome", "outcome", "self-hosting-always-cheaper",
                    "none: self-hosting is cheaper from the first token (no fixed cost, and less per token)"),
            ],
        });
        return new("breakEven", $"Break-even against {breakEven.Api.Name}", figures, breakEven switch
        {
            { ServedMix: { } served } when served == breakEven.Api.Mix.Value => "Capacity is at the assumed utilisation and the serving point's " +
                $"output tokens/s, which count its prompts' processing at its own mix, measured in the run ({Of(served.InputTokensPerOutputToken)} " +
                "input tokens per output token); the API is priced at the same mix.",
            { ServedMix: { } served } => "Capacity is at the assumed utilisation and the serving point's output tokens/s, which count its " +
                $"prompts' processing at its own mix ({Of(served.InputTokensPerOutputToken)} input tokens per output token), not the API's.",
            { CountsPromptProcessing: true } => "Capacity is at the assumed utilisation and counts the prompt tokens' processing time.",
            _ => "Capacity is at the assumed utilisation and counts generation time only: no prompt throughput was given.",
        });
    }

    /// <summary>A break-even that cannot be computed, saying why.</summary>
    public static FigureGroup BreakEvenUnavailable(string apiName, string reason) =>
        new("breakEven", $"Break-even against {apiName}", [Figure.Unavailable("outcome", "outcome", reason)]);

    public static FigureGroup Bills(MonthlyBills bills) => new("monthlyBills", "Monthly bills at the given volume",
    [
        TokensPerMonth("outputTokensPerMonth", "output", bills.OutputTokensPerMonth),
        TokensPerMonth("inputTokensPerMonth", "input", bills.InputTokensPerMonth),
        Money("apiUsdPerMonth", "API", bills.Api, "/month"),
        Money("selfHostingUsdPerMonth", $"self-hosting on {Count(bills.Instances)} {(bills.Instances == 1 ? "instance" : "instances")}", bills.SelfHosting, "/month"),
        Figure.Number("instances", "instances needed", bills.Instances, Count(bills.Instances)),
    ]);

    public static FigureGroup Training(TrainingEstimate training) => new("training", "Training",
    [
        Figure.Number("flops", "compute (6 x parameters x tokens)", training.TotalFlops, $"{Scientific(training.TotalFlops)} FLOPs"),
        Figure.Number("gpuHours", "GPU time", training.GpuHours, $"{Grouped(training.GpuHours)} GPU-hours"),
        Figure.Number("gpuYears", "GPU time in years", training.GpuYears, $"{Grouped(training.GpuYears)} GPU-years"),
        Figure.Number("wallClockDays", $"wall clock on {training.Gpus.Value} {(training.Gpus.Value == 1 ? "GPU" : "GPUs")}", training.WallClockDays,
            $"{Grouped(training.WallClockDays)} days"),
        Money("usd", "cost", training.Cost, ""),
    ], "GPUs are assumed to scale perfectly: more of them shorten the wall clock, not the GPU time or the cost.");

    private static Figure Money(string key, string label, Usd amount, string per) =>
        Figure.Number(key, label, amount.Value, Usd(amount.Value) + per);

    private static Figure PerMillion(string key, string label, UsdPerMillionTokens price, string tokens = "tokens") =>
        Figure.Number(key, label, price.Value, $"{Usd(price.Value)}/1M {tokens}");

    private static Figure TokensPerMonth(string key, string label, double tokensPerMonth) =>
        Figure.Number(key, label, tokensPerMonth, $"{Grouped(tokensPerMonth)} tokens/month");
}
