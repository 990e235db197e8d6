using System.Text.Json;
using InferBench.Cli;
using InferBench.Forecast;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Telemetry;
using InferBench.Tests.Support;

namespace InferBench.Tests.Forecast;

public sealed class ForecastCliTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>
{
    [Fact]
    public void A_folder_given_as_the_profile_is_bad_input_that_says_it_is_a_folder()
    {
        using var folder = new TempFolder();

        var run = CliRun.Invoke("forecast", "--profile", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a folder", run.Error);
        Assert.Contains("expected a file", run.Error);
        Assert.DoesNotContain("file not found", run.Error);
    }

    [Fact]
    public void Forecast_of_a_model_folder_on_catalog_gpus_is_labelled_and_priced()
    {
        var run = CliRun.Invoke("forecast", "--model-path", tiny.Fp32, "--gpu", "l4,h100-sxm5", "--batch", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal("forecast", document.RootElement.GetProperty("kind").GetString());
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal("forecast", row.GetProperty("label").GetString());
            Assert.Equal("fp32", row.GetProperty("precision").GetString());
            var decode = row.GetProperty("decodeTokensPerSecond");
            Assert.True(decode.GetProperty("low").GetDouble() <= decode.GetProperty("central").GetDouble());
            Assert.Contains("catalog instance", row.GetProperty("priceNote").GetString());
        });
    }

    [Fact]
    public void Every_prompt_length_is_forecast_with_every_generated_length()
    {
        var run = CliRun.Invoke("forecast", "--model-path", tiny.Fp32, "--gpu", "l4", "--batch", "1", "--prompt-tokens", "32,128", "--gen-tokens", "16,64", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var rows = document.RootElement.GetProperty("rows").EnumerateArray()
            .ToDictionary(row => (row.GetProperty("promptTokens").GetInt32(), row.GetProperty("genTokens").GetInt32()),
                row => row.GetProperty("decodeTokensPerSecond").GetProperty("central").GetDouble());
        Assert.Equal([(32, 16), (32, 64), (128, 16), (128, 64)], rows.Keys.Order());
        // More generated tokens: a longer mean context, more KV cache read per decode step.
        Assert.True(rows[(32, 64)] < rows[(32, 16)]);
        Assert.True(rows[(128, 64)] < rows[(128, 16)]);
    }

    [Theory]
    [InlineData("--gpu", "tpu-v5", "--gpu: no \"tpu-v5\" in the pricing catalog")]
    [InlineData("--gpu", "a100-sxm4", "--gpu: catalog GPU \"a100-sxm4\" has no datasheet specs")]
    [InlineData("--batch", "0", "--batch")]
    public void Bad_forecast_input_is_exit_2_naming_the_option(string option, string value, string expected)
    {
        var run = CliRun.Invoke("forecast", "--model-path", tiny.Fp32, "--gpu", "l4", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_model_path_that_is_not_a_model_is_exit_2_naming_the_option()
    {
        using var temp = new TempFolder();

        var run = CliRun.Invoke("forecast", "--model-path", temp.Path, "--gpu", "l4");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--model-path", run.Error);
        Assert.Contains("genai_config.json", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_manifest_variant_is_forecast_from_its_files()
    {
        using var temp = new TempFolder();
        var manifest = temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, $$"""
            { "schemaVersion": 1, "models": [ { "id": "tiny", "description": "d", "variants": [
              { "id": "fp32", "precision": "fp32", "executionProviders": ["cpu"], "source": { "path": {{JsonSerializer.Serialize(tiny.Fp32)}} } } ] } ] }
            """);

        var run = CliRun.Invoke("forecast", "--manifest", manifest, "--model", "tiny", "--gpu", "l4", "--batch", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var row = Assert.Single(document.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal("tiny", row.GetProperty("model").GetString());
        Assert.Equal("fp32", row.GetProperty("variant").GetString());
    }

    [Fact]
    public void Forecast_without_a_model_or_profile_is_exit_2()
    {
        var run = CliRun.Invoke("forecast", "--gpu", "l4");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--profile: nothing to forecast", run.Error);
    }

    [Fact]
    public void A_cpu_run_from_another_machine_is_not_profiled_here()
    {
        using var temp = new TempFolder();
        var row = ReportSamples.OkRow() with { ModelPath = tiny.Fp32 };
        var sample = ReportSamples.Run(row);
        var folder = RunFolder.Create(temp.Path, sample.StartedUtc);
        folder.WriteRunJson(sample with { Host = sample.Host with { CpuModel = "Some Other CPU 9000" } });

        var run = CliRun.Invoke("profile", folder.FullPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Some Other CPU 9000", run.Error);
        Assert.Contains("run `inferbench profile` on the machine that ran it", run.Error);
        Assert.False(File.Exists(Path.Combine(folder.FullPath, EstimatorProfile.FileName)));
    }

    [Fact]
    public void A_run_without_a_measured_row_is_named_by_its_run_json_not_blamed_on_the_gpu_option()
    {
        using var temp = new TempFolder();
        var sample = ReportSamples.Run(ReportSamples.OkRow() with { Status = ResultStatus.Skipped, Metrics = null, Reason = "not present" });
        var folder = RunFolder.Create(temp.Path, sample.StartedUtc);
        folder.WriteRunJson(sample with { Host = HostFactsProbe.Read() });

        var run = CliRun.Invoke("profile", folder.FullPath);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"inferbench: {folder.RunJsonPath}: run {sample.RunId} has no measured row to profile (expected at least one ok row; its 1 row: 1 skipped)", run.Error);
        Assert.DoesNotContain("--gpu", run.Error);
    }

    private static RunFolder CpuRunOfThisMachine(TempFolder temp, string modelPath)
    {
        var row = ReportSamples.OkRow() with { ModelPath = modelPath, Precision = "fp32" };
        var sample = ReportSamples.Run(row, row with { BatchSize = 4, PromptTokens = 512 });
        var folder = RunFolder.Create(temp.Path, sample.StartedUtc);
        folder.WriteRunJson(sample with { Host = HostFactsProbe.Read() });
        return folder;
    }

    [Fact]
    public void A_cpu_run_is_profiled_with_this_machines_measured_peaks()
    {
        using var temp = new TempFolder();
        var folder = CpuRunOfThisMachine(temp, tiny.Fp32);

        var run = CliRun.Invoke("profile", folder.FullPath);

        Assert.Equal(0, run.ExitCode);
        var profile = ProfileJson.Read(Path.Combine(folder.FullPath, EstimatorProfile.FileName));
        Assert.Equal(HostPeaks.CpuKind, profile.Host.Kind);
        Assert.True(profile.Host.MemoryBandwidthBytesPerSecond > 1e8, "a STREAM-like read moves more than 0.1 GB/s");
        Assert.True(profile.Host.PeakFlopsPerSecondByPrecision["fp32"] > 1e8, "a GEMM does more than 0.1 GFLOP/s");
        Assert.Contains("measured", profile.Host.PeaksSource);
        Assert.Contains("Profile:", run.Out);
    }

    [Fact]
    public void A_cpu_run_of_two_variants_is_also_fitted_jointly_and_says_so()
    {
        using var temp = new TempFolder();
        var row = ReportSamples.OkRow() with { ModelPath = tiny.Fp32, Precision = "fp32" };
        var other = row with { Variant = "copy" };
        var sample = ReportSamples.Run(row, row with { BatchSize = 4 }, other, other with { BatchSize = 4 });
        var folder = RunFolder.Create(temp.Path, sample.StartedUtc);
        folder.WriteRunJson(sample with { Host = HostFactsProbe.Read() });

        var run = CliRun.Invoke("profile", folder.FullPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("decode, all variants jointly", run.Out);
        Assert.NotNull(ProfileJson.Read(Path.Combine(folder.FullPath, EstimatorProfile.FileName)).DecodeFit);
    }

    [Fact]
    public void A_signal_before_the_peaks_are_measured_is_exit_130_and_writes_no_profile()
    {
        using var temp = new TempFolder();
        var folder = CpuRunOfThisMachine(temp, tiny.Fp32);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var run = CliRun.Invoke(cancellation.Token, "profile", folder.FullPath);

        Assert.Equal(130, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder.FullPath, EstimatorProfile.FileName)));
    }

    [Fact]
    public void A_gpu_run_is_profiled_against_the_catalog_gpu_named()
    {
        using var temp = new TempFolder();
        var row = ReportSamples.OkRow() with { ModelPath = tiny.Fp32, ExecutionProvider = "cuda", Precision = "fp32" };
        var sample = ReportSamples.Run(row, row with { BatchSize = 4, PromptTokens = 512 });
        var folder = RunFolder.Create(temp.Path, sample.StartedUtc);
        folder.WriteRunJson(sample);

        var run = CliRun.Invoke("profile", folder.FullPath, "--gpu", "h100-sxm5");

        Assert.Equal(0, run.ExitCode);
        var profile = ProfileJson.Read(Path.Combine(folder.FullPath, EstimatorProfile.FileName));
        Assert.Equal("h100-sxm5", profile.Host.GpuId);
        Assert.Equal(3350e9, profile.Host.MemoryBandwidthBytesPerSecond);
        var variant = Assert.Single(profile.Variants);
        Assert.Equal(ModelFactsReader.Read(tiny.Fp32).Parameters, variant.Facts!.Parameters);
    }

    [Fact]
    public void A_workload_beyond_the_models_context_is_exit_2_naming_the_options_and_the_limit()
    {
        var run = CliRun.Invoke("forecast", "--model-path", tiny.Fp32, "--gpu", "l4", "--prompt-tokens", "4096");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--prompt-tokens, --gen-tokens", run.Error);
        Assert.Contains("at most 256 tokens", run.Error);
        Assert.Contains("context_length", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_workload_whose_kv_cache_outgrows_the_gpu_is_exit_2_naming_the_gpu_and_its_memory()
    {
        // 1,000,000 x 192 tokens x 512 KV bytes per token (tiny: 2 layers x 2 KV heads x 16 x fp32 x K and V) = 98 GB.
        var run = CliRun.Invoke("forecast", "--model-path", tiny.Fp32, "--gpu", "l4", "--batch", "1000000", "--prompt-tokens", "128", "--gen-tokens", "64");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--batch, --prompt-tokens, --gen-tokens", run.Error);
        Assert.Contains("more than l4's 24 GiB of memory", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void A_batch_of_more_tokens_than_a_run_takes_is_exit_2_as_in_run()
    {
        var run = CliRun.Invoke("forecast", "--model-path", tiny.Fp32, "--batch", "2147483647", "--prompt-tokens", "100");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("32-bit sizes", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Profile_prints_the_peak_an_int4_run_is_a_share_of_not_the_int8_one()
    {
        using var temp = new TempFolder();
        var row = ReportSamples.OkRow() with { ModelPath = tiny.Fp32, ExecutionProvider = "cuda", Precision = "int4" };
        var sample = ReportSamples.Run(row, row with { BatchSize = 4, PromptTokens = 512 });
        var folder = RunFolder.Create(temp.Path, sample.StartedUtc);
        folder.WriteRunJson(sample);

        var run = CliRun.Invoke("profile", folder.FullPath, "--gpu", "rtx-4090");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("peak int4 165200 GFLOP/s (the fp16 rate", run.Out);
        Assert.DoesNotContain("660600", run.Out); // the RTX 4090's INT8 tensor rate
    }

    [Fact]
    public void A_profile_of_a_catalog_gpu_forecasts_that_gpu_with_its_power_and_price_without_naming_it()
    {
        using var temp = new TempFolder();
        var row = ReportSamples.OkRow() with { ModelPath = tiny.Fp32, ExecutionProvider = "cuda", Precision = "fp32" };
        var sample = ReportSamples.Run(row, row with { BatchSize = 4, PromptTokens = 128 });
        var folder = RunFolder.Create(temp.Path, sample.StartedUtc);
        folder.WriteRunJson(sample);
        Assert.Equal(0, CliRun.Invoke("profile", folder.FullPath, "--gpu", "h100-sxm5").ExitCode);

        var run = CliRun.Invoke("forecast", "--profile", Path.Combine(folder.FullPath, EstimatorProfile.FileName), "--batch", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var forecast = Assert.Single(document.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal("h100-sxm5", forecast.GetProperty("target").GetString());
        Assert.Equal("calibration", forecast.GetProperty("efficiencies").GetProperty("source").GetString());
        Assert.True(forecast.TryGetProperty("joulesPerToken", out _), forecast.GetProperty("energyNote").GetString());
        Assert.True(forecast.TryGetProperty("usdPerMillionTokens", out _), forecast.GetProperty("priceNote").GetString());
    }
}
