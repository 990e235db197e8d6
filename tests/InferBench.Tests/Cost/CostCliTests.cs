using System.Text.Json;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Cli;
using InferBench.Tests.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cost;

public sealed class CostCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_price_per_hour_alone_prints_the_hour_day_and_30_day_month_with_the_assumptions()
    {
        var run = CliRun.Invoke("cost", "--price-per-hour", "38");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Equal(
            """
            Hardware (rented)
              per hour                  $38.00/h
              per day (24 h)            $912.00/day
              per 30-day month (720 h)  $27,360/month

            Assumptions
              hardware price            $38.00/h  given: --price-per-hour
              paid hours per month      720 h     default: always on; set --hours-per-month

            """.ReplaceLineEndings(), run.Out);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Training_prints_flops_gpu_time_and_cost_of_gpt3_as_lambda_estimated_it()
    {
        var run = CliRun.Invoke("cost", "training", "--params", "175e9", "--tokens", "300e9", "--gpu-tflops", "28", "--price-per-gpu-hour", "1.5");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var lines = run.Out.Split(Environment.NewLine);
        Assert.Contains("  compute (6 x parameters x tokens)  3.15e23 FLOPs", lines);
        Assert.Contains("  GPU time                           3,125,000 GPU-hours", lines);
        Assert.Contains("  GPU time in years                  357 GPU-years", lines);
        Assert.Contains("  cost                               $4,687,500", lines);
        Assert.Contains("  sustained per GPU                  28 TFLOPS  given: --gpu-tflops", lines);
    }

    [Fact]
    public void Training_on_a_catalog_gpu_scales_its_peak_by_the_utilisation()
    {
        var run = CliRun.Invoke("cost", "training", "--params", "175e9", "--tokens", "300e9", "--gpu", "v100-sxm2", "--mfu", "0.224",
            "--price-per-gpu-hour", "1.5", "--gpus", "1024", "--json");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var training = json.RootElement.GetProperty("training");
        Assert.Equal(3_125_000, training.GetProperty("gpuHours").GetDouble(), 6);
        Assert.Equal(3_125_000 / 24.0 / 1024, training.GetProperty("wallClockDays").GetDouble(), 6);
        var sustained = json.RootElement.GetProperty("assumptions").GetProperty("sustainedTflopsPerGpu");
        Assert.Equal("verified", sustained.GetProperty("provenance").GetString());
    }

    [Fact]
    public void Tokens_per_second_price_each_million_tokens()
    {
        var run = CliRun.Invoke("cost", "--price-per-hour", "32.77", "--tokens-per-second", "1000");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains("  generated tokens          $9.10/1M tokens", run.Out.Split(Environment.NewLine));
        Assert.Contains("unavailable: energy per token not given", run.Out);
        Assert.Contains("default: busy every paid hour; set --utilization", run.Out);
    }

    [SkippableFact]
    public void Run_records_the_price_and_utilisation_cost_prints_for_the_same_options_with_the_same_citations()
    {
        string[] pricing = ["--instance", "aws-p4d.24xlarge"];
        var benchmark = CliRun.Invoke(
        [
            "run", "--model-path", SharedFixtures.RequireTinyGpt2(), "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1", "--warmup", "0",
            "--reps", "2", "--threads", "1", "--fidelity", "false", "--power", "none", "--out", _temp.Combine("results"), "--json", .. pricing,
        ]);
        var priced = CliRun.Invoke(["cost", "--tokens-per-second", "1000", "--json", .. pricing]);

        Assert.Equal((ExitCodes.AllOk, ExitCodes.AllOk), (benchmark.ExitCode, priced.ExitCode));
        using var runJson = JsonDocument.Parse(File.ReadAllText(benchmark.Out.Trim()));
        using var costJson = JsonDocument.Parse(priced.Out);
        var recorded = runJson.RootElement.GetProperty("cost");
        var printed = costJson.RootElement.GetProperty("assumptions");
        foreach (var (runKey, costKey) in new[] { ("priceUsdPerHour", "hardwareUsdPerHour"), ("utilization", "utilization") })
        {
            foreach (var field in new[] { "value", "source", "asOf", "provenance" })
                Assert.Equal(Field(printed.GetProperty(costKey), field), Field(recorded.GetProperty(runKey), field));
        }
        Assert.Equal("busy every paid hour; set --utilization", recorded.GetProperty("utilization").GetProperty("source").GetString());
    }

    private static string? Field(JsonElement figure, string name) =>
        figure.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    [Fact]
    public void Json_carries_every_figure_with_its_unit_in_the_key_and_each_assumption_with_its_source()
    {
        var run = CliRun.Invoke("cost", "--instance", "aws-p4d.24xlarge", "--tokens-per-second", "1000", "--joules-per-token", "0.36",
            "--pue", "1", "--electricity-usd-per-kwh", "0.1", "--api", "gpt-4o", "--input-tokens-per-month", "3e9", "--output-tokens-per-month", "1e9", "--json");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(21.957642 * 720, root.GetProperty("hardware").GetProperty("usdPer30DayMonth").GetDouble(), 9);
        Assert.Equal(0.01, root.GetProperty("energy").GetProperty("electricityUsdPerMillionTokens").GetDouble(), 12);
        Assert.Equal("at-volume", root.GetProperty("breakEven").GetProperty("outcome").GetString());
        // 3e9 input tokens at $2.50/1M and 1e9 output tokens at $10/1M.
        Assert.Equal(17_500, root.GetProperty("monthlyBills").GetProperty("apiUsdPerMonth").GetDouble(), 9);
        var price = root.GetProperty("assumptions").GetProperty("hardwareUsdPerHour");
        Assert.Equal(("recalled", "2026-11-09"), (price.GetProperty("provenance").GetString(), price.GetProperty("asOf").GetString()));
        Assert.Equal("given", root.GetProperty("assumptions").GetProperty("pue").GetProperty("provenance").GetString());
    }

    [Fact]
    public void A_run_folder_prices_every_measured_row_and_says_energy_is_unavailable()
    {
        var folder = RunFolder.Create(_temp.Path, DateTimeOffset.UtcNow);
        folder.WriteAll(ReportSamples.Run(ReportSamples.OkRow() with { Energy = null }, ReportSamples.FailedRow()) with { RunId = folder.RunId });

        var run = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "2");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var lines = run.Out.Split(Environment.NewLine);
        Assert.Contains("phi-3-mini / cpu-int4-rtn-block-32, batch 1, prompt 128, gen 64", lines);
        Assert.Contains("  generation throughput         45.5 tokens/s", lines);
        Assert.Contains("  generated tokens              $12.20/1M tokens", lines);
        Assert.Contains("  energy per token              unavailable: this row has no energy figure (run with --power other than none)", lines);
        Assert.Contains("  rows without measurements     1", lines);
        Assert.DoesNotContain("cuda-fp16", run.Out);
    }

    [Fact]
    public void A_run_folders_serving_points_are_priced_at_their_output_throughput_and_break_even_uses_it()
    {
        var folder = RunFolder.Create(_temp.Path, DateTimeOffset.UtcNow);
        folder.WriteAll(ServingSamples.Run() with { RunId = folder.RunId });

        var text = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "3.6", "--api", "gpt-4o", "--input-output-ratio", "3");
        var json = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "3.6", "--api", "gpt-4o", "--input-output-ratio", "3", "--json");

        Assert.Equal((ExitCodes.AllOk, ExitCodes.AllOk), (text.ExitCode, json.ExitCode));
        var lines = text.Out.Split(Environment.NewLine);
        Assert.Contains("synthetic-llama-small / cpu-int4, serving at concurrency 4", lines);
        Assert.Contains("synthetic-llama-small / cpu-int4, serving at 16.0 requests/s", lines);
        Assert.Contains(lines, line => line.StartsWith("  serving points priced", StringComparison.Ordinal) && line.EndsWith(" 6", StringComparison.Ordinal));
        Assert.Contains("which count its prompts' processing at its own mix (0.250 input tokens per output token), not the API's.", text.Out);
        var point = JsonDocument.Parse(json.Out).RootElement.GetProperty("rows")[4];
        Assert.Equal(4, point.GetProperty("load").GetProperty("concurrency").GetInt32());
        var serving = point.GetProperty("serving");
        var perOutput = 3.6 / (3600 * 727) * 1e6; // cost --run prices at its own --utilization (default 1), not the run's
        Assert.Equal(perOutput, serving.GetProperty("hardwareUsdPerMillionOutputTokens").GetDouble(), 9);
        // Split in gpt-4o's proportion ($2.50 in, $10 out): input x 0.25 + output = the cost per output token.
        Assert.Equal(perOutput / (0.25 + 4), serving.GetProperty("splitUsdPerMillionInputTokens").GetDouble(), 9);
        Assert.Equal(727 * 720 * 3600, point.GetProperty("breakEven").GetProperty("capacityOutputTokensPerMonth").GetDouble(), 1);
        Assert.Equal("estimated-cpu-tdp", point.GetProperty("energy").GetProperty("energySource").GetString());
    }

    [Fact]
    public void A_run_folders_serving_points_are_compared_with_an_api_at_their_own_measured_mix_without_an_input_output_ratio()
    {
        var folder = RunFolder.Create(_temp.Path, DateTimeOffset.UtcNow);
        folder.WriteAll(ServingSamples.Run() with { RunId = folder.RunId });

        var text = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "3.6", "--api", "gpt-4o");
        var json = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "3.6", "--api", "gpt-4o", "--json");

        Assert.Equal((ExitCodes.AllOk, ExitCodes.AllOk), (text.ExitCode, json.ExitCode));
        Assert.Contains("which count its prompts' processing at its own mix, measured in the run (0.250 input tokens per output token); " +
            "the API is priced at the same mix.", text.Out);
        var rows = JsonDocument.Parse(json.Out).RootElement.GetProperty("rows");
        // gpt-4o's $2.50 in and $10 out per 1M at the point's 16-token prompts for 64-token outputs: 10 + 0.25 x 2.50.
        Assert.Equal(10.625, rows[4].GetProperty("breakEven").GetProperty("apiUsdPerMillionOutputTokens").GetDouble(), 9);
        // The static rows beside it know no workload mix: their break-even says what to give, and they are still priced.
        Assert.Contains("unavailable: a static row's token mix is not measured: give --input-output-ratio to compare it with the API", text.Out);
        Assert.True(rows[0].TryGetProperty("tokens", out _));
        Assert.DoesNotContain("inputTokensPerOutputToken", JsonDocument.Parse(json.Out).RootElement.GetProperty("assumptions").ToString());
    }

    [Fact]
    public void A_given_input_output_ratio_overrides_a_serving_points_own_mix_for_the_api_and_prices_static_rows()
    {
        var folder = RunFolder.Create(_temp.Path, DateTimeOffset.UtcNow);
        folder.WriteAll(ServingSamples.Run() with { RunId = folder.RunId });

        var json = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "3.6", "--api", "gpt-4o", "--input-output-ratio", "3", "--json");

        Assert.Equal(ExitCodes.AllOk, json.ExitCode);
        var rows = JsonDocument.Parse(json.Out).RootElement.GetProperty("rows");
        Assert.Equal(10 + 3 * 2.5, rows[4].GetProperty("breakEven").GetProperty("apiUsdPerMillionOutputTokens").GetDouble(), 9);
        Assert.Equal(10 + 3 * 2.5, rows[0].GetProperty("breakEven").GetProperty("apiUsdPerMillionOutputTokens").GetDouble(), 9);
    }

    [Fact]
    public void A_static_runs_rows_still_need_an_input_output_ratio_to_be_compared_with_an_api()
    {
        var folder = RunFolder.Create(_temp.Path, DateTimeOffset.UtcNow);
        folder.WriteAll(ReportSamples.Run(ReportSamples.OkRow()) with { RunId = folder.RunId });

        var run = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "2", "--api", "gpt-4o");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("inferbench: comparing a static run's rows with an API needs the workload's token mix: give --input-output-ratio " +
            "(a serving run's points are compared at their own)", run.Error.Trim());
    }

    [Fact]
    public void A_run_folders_energy_figures_say_which_j_per_token_they_price_and_a_gpu_rows_cpu_energy_is_not_priced()
    {
        var folder = RunFolder.Create(_temp.Path, DateTimeOffset.UtcNow);
        var gpuRow = ReportSamples.OkRow() with { Variant = "cuda-fp16", ExecutionProvider = "cuda" };
        gpuRow = gpuRow with { Energy = gpuRow.Energy! with { Source = "measured-rapl" } };
        folder.WriteAll(ReportSamples.Run(ReportSamples.OkRow(), gpuRow) with { RunId = folder.RunId });

        var run = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "2");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains("From the row's gross J/token: its generation window's energy / generated tokens, prefill included; a measured " +
            "source's includes the device's idle power, the CPU-TDP estimate's only this process's own CPU time.", run.Out);
        Assert.Matches(@"energy per token +unavailable: this cuda row's energy is measured-rapl, the CPU's, not its GPU's, so it is not priced", run.Out);
    }

    [Fact]
    public void A_run_folders_estimated_energy_is_labelled_an_estimate_in_text_and_json()
    {
        var folder = RunFolder.Create(_temp.Path, DateTimeOffset.UtcNow);
        var row = ReportSamples.OkRow();
        const string method = "ESTIMATE, not a measurement: this process's CPU time x 2.5 W per hardware thread (default)";
        var run = ReportSamples.Run(row with { Energy = row.Energy! with { Source = "estimated-cpu-tdp", NetJoulesPerGeneratedToken = null } }) with
        {
            RunId = folder.RunId,
            Power = new PowerSetup("estimated-cpu-tdp", method, [], null, 0, null, null, []),
        };
        folder.WriteAll(run);

        var text = CliRun.Invoke("cost", "--run", folder.FullPath, "--hardware-cost-usd", "3000", "--amortization-years", "3");
        var json = CliRun.Invoke("cost", "--run", folder.FullPath, "--hardware-cost-usd", "3000", "--amortization-years", "3", "--json");

        Assert.Equal((ExitCodes.AllOk, ExitCodes.AllOk), (text.ExitCode, json.ExitCode));
        Assert.Matches(@"(?m)^  energy source +estimated-cpu-tdp$", text.Out);
        Assert.Matches(@"(?m)^  energy method +ESTIMATE, not a measurement: this process's CPU time x 2\.5 W", text.Out);
        var energy = JsonDocument.Parse(json.Out).RootElement.GetProperty("rows")[0].GetProperty("energy");
        Assert.Equal("estimated-cpu-tdp", energy.GetProperty("energySource").GetString());
        Assert.Equal(method, energy.GetProperty("energyMethod").GetString());
    }

    [Fact]
    public void Energy_from_the_command_line_says_it_was_given_and_a_row_without_energy_says_unavailable()
    {
        var given = CliRun.Invoke("cost", "--joules-per-token", "0.4", "--json");
        var folder = RunFolder.Create(_temp.Path, DateTimeOffset.UtcNow);
        folder.WriteAll(ReportSamples.Run(ReportSamples.OkRow() with { Energy = null }) with { RunId = folder.RunId });
        var none = CliRun.Invoke("cost", "--run", folder.FullPath, "--price-per-hour", "2", "--json");

        Assert.Equal("given", JsonDocument.Parse(given.Out).RootElement.GetProperty("energy").GetProperty("energySource").GetString());
        Assert.Equal("unavailable",
            JsonDocument.Parse(none.Out).RootElement.GetProperty("rows")[0].GetProperty("energy").GetProperty("energySource").GetString());
    }

    [Theory]
    [InlineData("cost --price-per-hour -1", "inferbench: --price-per-hour: expected a number from 0 to 1000000, got \"-1\"")]
    [InlineData("cost --price-per-hour 38 --utilization 1.5 --tokens-per-second 1", "inferbench: --utilization: expected a number from 0.001 to 1, or a percentage like 40%, got \"1.5\"")]
    [InlineData("cost --price-per-hour 38 --instance aws-p4d.24xlarge", "inferbench: --price-per-hour and --instance cannot be used together: give one price")]
    [InlineData("cost --price-per-hour 38 --hardware-cost-usd 30000", "inferbench: --price-per-hour and --hardware-cost-usd cannot be used together: give one price")]
    [InlineData("run --power none --price-per-hour 38 --instance aws-p4d.24xlarge", "inferbench: --price-per-hour and --instance cannot be used together: give one price")]
    [InlineData("cost --instance h100", "inferbench: --instance: no \"h100\" in the pricing catalog (known: aws-sagemaker-ml.p4d.24xlarge,")]
    [InlineData("run --power none --instance h100", "inferbench: --instance: no \"h100\" in the pricing catalog (known: aws-sagemaker-ml.p4d.24xlarge,")]
    [InlineData("cost", "inferbench: nothing to price: give a price (--price-per-hour, --instance or --hardware-cost-usd), --joules-per-token or --run")]
    [InlineData("cost --hardware-cost-usd 30000", "inferbench: --hardware-cost-usd needs --amortization-years")]
    [InlineData("cost --price-per-hour 38 --tokens-per-second 100 --api gpt-4o", "inferbench: comparing with an API needs the workload's token mix")]
    [InlineData("cost --price-per-hour 38 --api gpt-4o --input-output-ratio 1", "inferbench: --tokens-per-second is needed to price tokens or to compare with an API")]
    [InlineData("cost training --params 175e9 --tokens 300e9 --price-per-gpu-hour 1.5", "inferbench: give --gpu-tflops, or --gpu with --mfu")]
    [InlineData("cost training --params 175e9 --tokens 300e9 --gpu v100-sxm2 --price-per-gpu-hour 1.5", "inferbench: --gpu needs --mfu")]
    [InlineData("cost training --tokens 300e9 --gpu-tflops 28 --price-per-gpu-hour 1.5", "inferbench: Option '--params' is required")]
    [InlineData("cost training --params 1e9 --tokens 3e9 --gpu-tflops 28 --price-per-gpu-hour 1.5 --gpus 0.5", "inferbench: --gpus: expected a whole number from 1 to 1000000, got \"0.5\"")]
    public void Bad_input_exits_2_with_a_message_naming_the_option(string commandLine, string expected)
    {
        var run = CliRun.Invoke(commandLine.Split(' '));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith(expected, run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_bad_pricing_file_exits_2_naming_the_file_the_path_and_the_expectation()
    {
        var pricing = _temp.Combine("my-prices.json");
        File.WriteAllText(pricing, """{ "schemaVersion": 1, "electricity": [ { "id": "e", "description": "d", "usdPerKwh": -0.1, "asOf": "2026", "provenance": "recalled" } ] }""");

        var run = CliRun.Invoke("cost", "--pricing", pricing, "--price-per-hour", "1");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(
            [
                "inferbench: my-prices.json: $.electricity[0].usdPerKwh: expected 0 or more, got -0.1",
                "my-prices.json: $.electricity[0]: missing required field \"source\"",
            ],
            run.Error.Replace(pricing, "my-prices.json").TrimEnd().Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("gpuInstances", """{ "id": "x", "description": "d", "pricing": "spot", "usdPerHour": 1e300, "source": "s", "asOf": "2026", "provenance": "recalled" }""",
        "$.gpuInstances[0].usdPerHour: expected a number from 0 to 1000000, got 1e300")]
    [InlineData("electricity", """{ "id": "x", "description": "d", "usdPerKwh": 1e308, "source": "s", "asOf": "2026", "provenance": "recalled" }""",
        "$.electricity[0].usdPerKwh: expected a number from 0 to 1000, got 1e308")]
    [InlineData("pue", """{ "id": "x", "description": "d", "pue": 11, "source": "s", "asOf": "2026", "provenance": "recalled" }""",
        "$.pue[0].pue: expected a number from 1 to 10, got 11")]
    [InlineData("gridCarbon", """{ "id": "x", "description": "d", "gramsCo2PerKwh": 1e400, "source": "s", "asOf": "2026", "provenance": "recalled" }""",
        "$.gridCarbon[0].gramsCo2PerKwh: expected a number from 0 to 10000, got 1e400")]
    [InlineData("apis", """{ "id": "x", "description": "d", "usdPer1MInputTokens": 1, "usdPer1MOutputTokens": 1e7, "source": "s", "asOf": "2026", "provenance": "recalled" }""",
        "$.apis[0].usdPer1MOutputTokens: expected a number from 0 to 1000000, got 1e7")]
    public void A_pricing_file_number_outside_the_command_lines_range_exits_2_naming_the_file_path_and_range(string section, string entry, string problem)
    {
        var pricing = _temp.Combine("huge.json");
        File.WriteAllText(pricing, $$"""{ "schemaVersion": 1, "{{section}}": [ {{entry}} ] }""");

        var run = CliRun.Invoke("cost", "--pricing", pricing, "--price-per-hour", "1", "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: {pricing}: {problem}", run.Error.TrimEnd());
    }
}
