using System.CommandLine;
using InferBench.Cost.Catalog;
using InferBench.Cost.Citations;
using InferBench.Cost.Model;
using InferBench.Cost.Runs;
using InferBench.Cost.Sheets;
using InferBench.Cost.Units;
using InferBench.Reports;

namespace InferBench.Cli.Commands;

/// <summary>
/// <c>inferbench cost</c>: money, energy and CO2 from numbers on the command line or from a run folder; and
/// <c>inferbench cost training</c>: the compute and price of a training run. Nothing is run. Formulas: docs/cost-model.md.
/// </summary>
public static class CostCommand
{
    private const string PriceChoices = "--price-per-hour, --instance or --hardware-cost-usd";

    private static readonly Option<string?> PricingOption = new("--pricing")
    {
        Description = "Pricing file in the catalog's format; its entries replace or add to the catalog's by id",
        Recursive = true,
    };
    private static readonly Option<bool> JsonOption = CommonOptions.Json("one JSON object", recursive: true);

    private static readonly PriceOptions Prices = new();
    private static readonly Option<double?> HardwareCostOption = NumberOption.Create("--hardware-cost-usd", "Owned hardware: purchase price, USD", CostInputs.HardwareCostUsd);
    private static readonly Option<double?> AmortizationYearsOption = NumberOption.Create("--amortization-years", "Owned hardware: years to spread the purchase over", CostInputs.AmortizationYears);
    private static readonly Option<double?> HoursPerMonthOption = NumberOption.Create("--hours-per-month",
        "Rented hardware: hours paid per 30-day month [default: 720, always on]", CostInputs.HoursPerMonth);
    private static readonly Option<double?> TokensPerSecondOption = NumberOption.Create("--tokens-per-second", "Generation (decode) throughput, tokens/s", CostInputs.TokensPerSecond);
    private static readonly Option<double?> PromptTokensPerSecondOption = NumberOption.Create("--prompt-tokens-per-second", "Prompt (prefill) throughput, tokens/s", CostInputs.PromptTokensPerSecond);
    private static readonly Option<double?> JoulesPerTokenOption = NumberOption.Create("--joules-per-token", "Energy per generated token at the hardware, J", CostInputs.JoulesPerToken);
    private static readonly Option<double?> ElectricityOption = NumberOption.Create("--electricity-usd-per-kwh", "Electricity price [default: the catalog's]", CostInputs.ElectricityUsdPerKilowattHour);
    private static readonly Option<double?> PueOption = NumberOption.Create("--pue", "Facility power usage effectiveness [default: the catalog's]", CostInputs.Pue);
    private static readonly Option<double?> GridCarbonOption = NumberOption.Create("--grid-gco2-per-kwh", "Grid carbon intensity [default: the catalog's]", CostInputs.GridGramsCo2PerKilowattHour);
    private static readonly Option<string?> ApiOption = new("--api") { Description = "API to compare with: an API id from the pricing catalog" };
    private static readonly Option<double?> ApiInputOption = NumberOption.Create("--api-usd-per-1m-input", "API price per 1M input tokens", CostInputs.ApiUsdPerMillionInputTokens);
    private static readonly Option<double?> ApiOutputOption = NumberOption.Create("--api-usd-per-1m-output", "API price per 1M output tokens", CostInputs.ApiUsdPerMillionOutputTokens);
    private static readonly Option<double?> InputOutputRatioOption = NumberOption.Create("--input-output-ratio",
        "Workload: input tokens per output token [default with --run: each serving point's own, measured]", CostInputs.InputTokensPerOutputToken);
    private static readonly Option<double?> InputTokensPerMonthOption = NumberOption.Create("--input-tokens-per-month", "Workload: input tokens a month", CostInputs.InputTokensPerMonth);
    private static readonly Option<double?> OutputTokensPerMonthOption = NumberOption.Create("--output-tokens-per-month", "Workload: output tokens a month", CostInputs.OutputTokensPerMonth);
    private static readonly Option<string?> RunOption = new("--run") { Description = "Price every measured row and serving point of this run folder's run.json" };

    private static readonly Option<double?> ParametersOption = NumberOption.Create("--params", "Model parameters, like 175e9", CostInputs.TrainingParameters, required: true);
    private static readonly Option<double?> TrainingTokensOption = NumberOption.Create("--tokens", "Training tokens, like 300e9", CostInputs.TrainingTokens, required: true);
    private static readonly Option<string?> GpuOption = CommonOptions.Gpu("its peak TFLOPS, scaled by --mfu, is what each GPU sustains");
    private static readonly Option<double?> MfuOption = NumberOption.Fraction("--mfu",
        "Model FLOPs utilisation: the share of the --gpu's peak TFLOPS the run sustains, such as 0.4 or 40%", CostInputs.Utilization).WithOldSpelling("--utilization");
    private static readonly Option<double?> GpuTflopsOption = NumberOption.Create("--gpu-tflops", "Sustained TFLOPS per GPU (instead of --gpu)", CostInputs.SustainedTflopsPerGpu);
    private static readonly Option<double?> PricePerGpuHourOption = NumberOption.Create("--price-per-gpu-hour", "USD per GPU-hour", CostInputs.PricePerGpuHourUsd, required: true);
    private static readonly Option<double?> GpusOption = NumberOption.Create("--gpus", "GPUs the run is spread over [default: 1]", CostInputs.Gpus);

    public static Command Create(CliIo io)
    {
        var training = new Command("training", "Compute and price of a training run: 6 x params x tokens FLOPs at a sustained TFLOPS per GPU")
        {
            ParametersOption, TrainingTokensOption, GpuOption, MfuOption, GpuTflopsOption, PricePerGpuHourOption, GpusOption,
        };
        training.SetAction(parseResult => Write(Training(parseResult), parseResult, io));

        var command = new Command("cost", "Money, energy and CO2 per token, hour and month, and break-even against an API; from numbers or a run")
        {
            PricingOption, JsonOption, Prices.PricePerHour, Prices.Instance, HardwareCostOption, AmortizationYearsOption, HoursPerMonthOption,
            Prices.UtilizationFraction, TokensPerSecondOption, PromptTokensPerSecondOption, JoulesPerTokenOption, ElectricityOption, PueOption,
            GridCarbonOption, ApiOption, ApiInputOption, ApiOutputOption, InputOutputRatioOption, InputTokensPerMonthOption,
            OutputTokensPerMonthOption, RunOption, training,
        };
        command.SetAction(parseResult => Write(Inference(parseResult), parseResult, io));
        return command;
    }

    private static int Write(CostSheet sheet, ParseResult parseResult, CliIo io)
    {
        if (parseResult.GetValue(JsonOption))
            io.Out.WriteLine(CostSheetJson.Serialize(sheet));
        else
            CostSheetText.Write(sheet, io.Out);
        return ExitCodes.AllOk;
    }

    private static CostSheet Inference(ParseResult parseResult)
    {
        var catalog = PricingCatalogLoader.Load(parseResult.GetValue(PricingOption));
        var hardware = ReadHardware(parseResult, catalog);
        var energy = ReadEnergy(parseResult, catalog);
        var api = ReadApiComparison(parseResult, catalog);
        var utilization = Prices.ReadUtilization(parseResult);

        if (parseResult.GetValue(RunOption) is { } runFolder)
        {
            Reject(parseResult, "--run takes throughput from run.json", TokensPerSecondOption, PromptTokensPerSecondOption, JoulesPerTokenOption);
            Reject(parseResult, "monthly bills are priced from numbers; with --run give --input-output-ratio", InputTokensPerMonthOption);
            var runAssumptions = new CostAssumptions(hardware ?? throw new InputException($"--run needs a price: {PriceChoices}"), utilization, energy);
            var run = RunFolder.Read(runFolder);
            // Serving points know their own mix; a static run's rows know none.
            if (api is { GivenMix: null } && run.Serving is null)
                throw new InputException("comparing a static run's rows with an API needs the workload's token mix: give --input-output-ratio " +
                    "(a serving run's points are compared at their own)");
            return CostSheets.FromRun(run, new CostModel(runAssumptions), api);
        }

        Throughput? throughput = parseResult.GetValue(TokensPerSecondOption) is { } decode
            ? new(new(decode), parseResult.GetValue(PromptTokensPerSecondOption) is { } prefill ? new(prefill) : null)
            : null;
        JoulesPerToken? joules = parseResult.GetValue(JoulesPerTokenOption) is { } j ? new(j) : null;
        if (hardware is null && joules is null)
            throw new InputException($"nothing to price: give a price ({PriceChoices}), --joules-per-token or --run");
        if (throughput is null && (api is not null || parseResult.IsGiven(PromptTokensPerSecondOption)))
            throw new InputException("--tokens-per-second is needed to price tokens or to compare with an API");
        if (hardware is null && throughput is not null)
            throw new InputException($"--tokens-per-second needs a price: {PriceChoices}");
        var model = hardware is null ? null : new CostModel(new CostAssumptions(hardware, utilization, energy));
        var numbersApi = api is null ? null : api.ForRow() ?? throw new InputException("comparing with an API needs the workload's token mix: " +
            "give --input-output-ratio, or --input-tokens-per-month and --output-tokens-per-month");
        return CostSheets.FromNumbers(model, energy, throughput, joules, numbersApi, parseResult.GetValue(OutputTokensPerMonthOption));
    }

    private static HardwareCost? ReadHardware(ParseResult parseResult, PricingCatalog catalog)
    {
        Prices.RequireOnePrice(parseResult, HardwareCostOption);
        if (parseResult.GetValue(HardwareCostOption) is { } purchase)
        {
            Reject(parseResult, "owned hardware is paid for every hour", HoursPerMonthOption);
            var years = parseResult.GetValue(AmortizationYearsOption) ?? throw new InputException("--hardware-cost-usd needs --amortization-years");
            return new OwnedHardware(new(new(purchase), Citation.Given("--hardware-cost-usd")), new(years, Citation.Given("--amortization-years")));
        }
        Reject(parseResult, "it goes with --hardware-cost-usd", AmortizationYearsOption);

        if (Prices.RentalPrice(parseResult, catalog) is not { } price)
            return null;
        Cited<double> hours = parseResult.GetValue(HoursPerMonthOption) is { } paid
            ? new(paid, Citation.Given("--hours-per-month"))
            : new(CostCalendar.HoursPerMonth, Citation.Default("always on; set --hours-per-month"));
        return new RentedHardware(price, hours);
    }

    private static EnergyAssumptions ReadEnergy(ParseResult parseResult, PricingCatalog catalog)
    {
        var energy = catalog.DefaultEnergy;
        return energy with
        {
            Electricity = parseResult.GetValue(ElectricityOption) is { } usd ? new(new(usd), Citation.Given("--electricity-usd-per-kwh")) : energy.Electricity,
            Pue = parseResult.GetValue(PueOption) is { } pue ? new(pue, Citation.Given("--pue")) : energy.Pue,
            GridCarbon = parseResult.GetValue(GridCarbonOption) is { } grams ? new(new(grams), Citation.Given("--grid-gco2-per-kwh")) : energy.GridCarbon,
        };
    }

    /// <summary>The API to compare with and the token mix given, if any (a run's serving points know their own); null: no API.</summary>
    private static RunApiComparison? ReadApiComparison(ParseResult parseResult, PricingCatalog catalog)
    {
        NotTogether(parseResult, ApiOption, ApiInputOption, ApiOutputOption);
        NotTogether(parseResult, InputOutputRatioOption, InputTokensPerMonthOption, OutputTokensPerMonthOption);
        Together(parseResult, ApiInputOption, ApiOutputOption);
        Together(parseResult, InputTokensPerMonthOption, OutputTokensPerMonthOption);

        Cited<ApiPrice> price;
        if (parseResult.GetValue(ApiOption) is { } id)
        {
            var entry = PricingCatalog.Find(catalog.Apis, id, "--api");
            price = new(entry.Price, entry.Citation);
        }
        else if (parseResult.GetValue(ApiInputOption) is { } input && parseResult.GetValue(ApiOutputOption) is { } output)
            price = new(new(new(input), new(output)), Citation.Given("--api-usd-per-1m-input, --api-usd-per-1m-output"));
        else
        {
            Reject(parseResult, "it describes the workload an API is compared on: give --api or --api-usd-per-1m-input/output",
                InputOutputRatioOption, InputTokensPerMonthOption);
            return null;
        }

        Cited<TokenMix>? mix = null;
        if (parseResult.GetValue(InputOutputRatioOption) is { } ratio)
            mix = new(new(ratio), Citation.Given("--input-output-ratio"));
        else if (parseResult.GetValue(InputTokensPerMonthOption) is { } inputs && parseResult.GetValue(OutputTokensPerMonthOption) is { } outputs)
            mix = new(new(inputs / outputs), Citation.Given("--input-tokens-per-month / --output-tokens-per-month"));
        return new(parseResult.GetValue(ApiOption) ?? "the given API prices", price, mix);
    }

    private static CostSheet Training(ParseResult parseResult)
    {
        var catalog = PricingCatalogLoader.Load(parseResult.GetValue(PricingOption));
        NotTogether(parseResult, GpuOption, GpuTflopsOption);
        Cited<double> sustained;
        if (parseResult.GetValue(GpuOption) is { } id)
        {
            var utilization = parseResult.GetValue(MfuOption)
                ?? throw new InputException($"{GpuOption.Name} needs {MfuOption.Name}: the share of the GPU's peak the run sustains, like 0.4");
            sustained = TrainingEstimate.Sustained(PricingCatalog.Find(catalog.Gpus, id, GpuOption.Name), new(new(utilization), Citation.Given(MfuOption.Name)));
        }
        else
        {
            Reject(parseResult, "it scales the peak of a catalog --gpu", MfuOption);
            var tflops = parseResult.GetValue(GpuTflopsOption) ?? throw new InputException($"give --gpu-tflops, or {GpuOption.Name} with {MfuOption.Name}");
            sustained = new(tflops, Citation.Given("--gpu-tflops"));
        }
        var estimate = new TrainingEstimate
        {
            Parameters = new(parseResult.GetValue(ParametersOption)!.Value, Citation.Given("--params")),
            Tokens = new(parseResult.GetValue(TrainingTokensOption)!.Value, Citation.Given("--tokens")),
            SustainedTflopsPerGpu = sustained,
            PricePerGpuHour = new(new(parseResult.GetValue(PricePerGpuHourOption)!.Value), Citation.Given("--price-per-gpu-hour")),
            Gpus = parseResult.GetValue(GpusOption) is { } gpus ? new((int)gpus, Citation.Given("--gpus")) : new(1, Citation.Default("one GPU; set --gpus")),
        };
        return new CostSheet([CostFigures.Training(estimate)], [], AssumptionLines.For(estimate));
    }

    /// <summary>At most one of <paramref name="first"/> and the <paramref name="others"/>.</summary>
    private static void NotTogether(ParseResult parseResult, Option first, params Option[] others)
    {
        if (parseResult.IsGiven(first) && others.FirstOrDefault(option => parseResult.IsGiven(option)) is { } other)
            throw new InputException($"{first.Name} and {other.Name} cannot be used together");
    }

    private static void Together(ParseResult parseResult, Option first, Option second)
    {
        if (parseResult.IsGiven(first) != parseResult.IsGiven(second))
            throw new InputException($"{first.Name} and {second.Name} go together");
    }

    private static void Reject(ParseResult parseResult, string why, params Option[] options)
    {
        if (options.FirstOrDefault(option => parseResult.IsGiven(option)) is { } given)
            throw new InputException($"{given.Name} does not apply here: {why}");
    }
}
