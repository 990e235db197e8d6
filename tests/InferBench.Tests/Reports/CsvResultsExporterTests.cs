using System.Globalization;
using CsvHelper;
using InferBench.Cost.Runs;
using InferBench.Reports;
using InferBench.Reports.Columns;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed class CsvResultsExporterTests
{
    private const string Header =
        "model,variant,precision,ep,batch,prompt_tokens,gen_tokens,status,reason,load_s,resident_memory_after_load_mb," +
        "ttft_ms_p50,ttft_ms_p90,ttft_ms_p99,ttft_ms_ci95_low,ttft_ms_ci95_high,prefill_tok_s_p50,prefill_tok_s_mean," +
        "decode_tok_s_p50,decode_tok_s_mean,decode_tok_s_ci95_low,decode_tok_s_ci95_high,itl_ms_p50,itl_ms_p90,itl_ms_p99," +
        "e2e_s_p50,e2e_s_mean,peak_memory_mb,measured_reps,itl_samples," +
        "energy_source,energy_status,j_per_token,j_per_token_net,prefill_j_per_token,decode_j_per_token,avg_w,peak_w,throttled," +
        "usd_per_1m_tokens,usd_per_1m_prompt_tokens,energy_usd_per_1m_tokens,co2_g_per_1m_tokens," +
        "fidelity_reference,kl_mean_nats,kl_p99_nats,top1_agreement,greedy_logprob_delta_nats,round," +
        "stop_reason,decode_ci95_stop_pct,target_ci_pct,decode_tok_s_per_seq,slo_targets,slo_met,slo_missed,batch_stop,batch_stop_detail," +
        "quality_method,perplexity,perplexity_change_pct,quality_tokens,quality_unavailable," +
        "kl_mean_se_nats,kl_median_nats,kl_p999_nats,kl_max_nats,top1_agreement_se,delta_p_mean_pct,delta_p_mean_se_pct,delta_p_rms_pct," +
        "delta_p_rms_se_pct,perplexity_se,perplexity_ratio,perplexity_ratio_se,ln_perplexity_ratio,ln_perplexity_ratio_se";

    /// <summary>OkRow's llama.cpp-style statistics, results.csv's last columns (Δp in percentage points).</summary>
    private const string OkRowStatistics = ",8.7E-05,3.1E-04,0.052,0.41,0.0113,-0.123,0.045,1.42,0.11,0.0523,1.0407,0.00177,0.0399,0.0017";

    private static readonly CsvResultsExporter Exporter = new();

    [Fact]
    public void HeaderIsTheFirstLineWithTheDocumentedColumnsInOrder()
    {
        var lines = Lines(Exporter.Export(ReportSamples.Run(ReportSamples.OkRow())));

        Assert.Equal(Header, lines[0]);
    }

    [Fact]
    public void RunWithoutResultsStillHasTheHeader()
    {
        Assert.Equal([Header], Lines(Exporter.Export(ReportSamples.Run())));
    }

    [Fact]
    public void OkRowHasItsValuesInMebibytesAndAtMostSixDecimals()
    {
        var lines = Lines(Exporter.Export(ReportSamples.Run(ReportSamples.OkRow())));

        Assert.Equal(
            "phi-3-mini,cpu-int4-rtn-block-32,int4,cpu,1,128,64,ok,,3.2,1536," +
            "123.456789,125.456789,126.456789,124.156789,124.756789,1000.24,1001.24," +
            "45.52,46.52,46.22,46.82,21.74,23.74,24.74,2.874,3.874,2048.390625,5,315," +
            "measured-nvml-counter,ok,13.48,9.87,0.1,0.2,300.1,342.7,false," +
            "48.696544,2.216135,0.75136,2171.253556," +
            "cpu-fp32,0.0012,0.0034,0.845,-0.021,1,max-reps,3.125,2,45.52,,,,,,text,7.41,4.073034,1024,quality unavailable: sample" + OkRowStatistics,
            lines[1]);
    }

    [Theory]
    [InlineData(1.5e-7, "1.5E-07")] // fp16's mean KL: six fixed decimals printed it as 0, the value for "identical"
    [InlineData(1.23456789e-5, "1.23457E-05")]
    [InlineData(0.00098765, "9.8765E-04")]
    [InlineData(-2.5e-9, "-2.5E-09")]
    [InlineData(0.0012345, "0.001235")]
    [InlineData(0, "0")]
    [InlineData(999_999_999_999_999, "999999999999999")]
    [InlineData(1e15, "1E+15")]
    [InlineData(1.23456789e300, "1.23457E+300")] // a hand-edited run.json's value: fixed notation wrote all 301 digits
    [InlineData(-4.5e17, "-4.5E+17")]
    public void SmallAndHugeNumbersKeepFourSignificantDigits(double klNats, string written)
    {
        var row = ReportSamples.OkRow();
        var run = ReportSamples.Run(row with { Fidelity = row.Fidelity! with { MeanKlDivergenceNats = klNats, MeanGreedyLogProbDeltaNats = -klNats / 10 } });

        var localized = CultureScope.Run("de-DE", () => Exporter.Export(run));

        using var reader = CsvReader.FromText(localized);
        Assert.True(reader.Read());
        Assert.Equal(written, reader.GetString("kl_mean_nats"));
        // Four significant digits: the value read back is off by at most half a unit of the fourth digit, small or huge.
        Assert.InRange(Math.Abs(Number(reader, "greedy_logprob_delta_nats") + klNats / 10), 0, 5e-4 * Math.Abs(klNats / 10));
    }

    [Fact]
    public void CostColumnsFollowTheDocumentedFormulas()
    {
        // The sample's assumptions: $3.99/h at 50% utilisation, $0.127/kWh, PUE 1.58, 367 gCO2/kWh.
        using var reader = CsvReader.FromText(Exporter.Export(ReportSamples.Run(ReportSamples.OkRow())));
        Assert.True(reader.Read());

        Assert.Equal(3.99 / (45.52 * 3600 * 0.5) * 1e6, Number(reader, "usd_per_1m_tokens"), 6); // median decode 45.52 tok/s
        Assert.Equal(3.99 / (1000.24 * 3600 * 0.5) * 1e6, Number(reader, "usd_per_1m_prompt_tokens"), 6); // median prefill 1000.24 tok/s
        var facilityKilowattHours = 13.48 * 1e6 / 3.6e6 * 1.58; // 13.48 J/token
        Assert.Equal(facilityKilowattHours * 0.127, Number(reader, "energy_usd_per_1m_tokens"), 6);
        Assert.Equal(facilityKilowattHours * 367, Number(reader, "co2_g_per_1m_tokens"), 6);
    }

    [Fact]
    public void WithoutAPriceOnlyTheEnergyColumnsAreFilledAndAnEstimateKeepsItsSource()
    {
        var run = ReportSamples.Run(ReportSamples.MeasuredRow("cpu-fp32", "fp32", 1, 20, 2.0, "estimated-cpu-tdp"));
        run = run with { Cost = run.Cost! with { PriceUsdPerHour = null } };

        using var reader = CsvReader.FromText(Exporter.Export(run));
        Assert.True(reader.Read());

        Assert.Equal("", reader.GetString("usd_per_1m_tokens"));
        Assert.Equal("", reader.GetString("usd_per_1m_prompt_tokens"));
        Assert.Equal("0.111478", reader.GetString("energy_usd_per_1m_tokens")); // 2 J/token: 0.8778 kWh at the facility x $0.127
        Assert.Equal("322.144444", reader.GetString("co2_g_per_1m_tokens")); // x 367 g
        Assert.Equal("estimated-cpu-tdp", reader.GetString("energy_source"));
    }

    [Fact]
    public void RunWithoutCostAssumptionsHasEmptyCostColumns()
    {
        var csv = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow()) with { Cost = null });

        Assert.EndsWith(",342.7,false,,,,,cpu-fp32,0.0012,0.0034,0.845,-0.021,1,max-reps,3.125,2,45.52,,,,,,text,7.41,4.073034,1024,quality unavailable: sample" +
            OkRowStatistics + "\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedRowHasEmptyCellsForWhatWasNotMeasured()
    {
        var lines = Lines(Exporter.Export(ReportSamples.Run(ReportSamples.FailedRow())));

        Assert.Equal("phi-3-mini,cuda-fp16,fp16,cuda,1,128,64,failed,CUDA error: out of memory | allocating 2 GiB" + new string(',', 40) + "1" + new string(',', 28), lines[1]);
    }

    [Fact]
    public void NaNStatisticsAreEmptyCells()
    {
        using var reader = CsvReader.FromText(Exporter.Export(ReportSamples.Run(ReportSamples.SingleRepetitionRow())));
        Assert.True(reader.Read());

        Assert.Equal("", reader.GetString("ttft_ms_ci95_low"));
        Assert.Equal("", reader.GetString("decode_tok_s_ci95_high"));
        Assert.Equal("", reader.GetString("peak_memory_mb"));
        Assert.Equal("80", reader.GetString("ttft_ms_p50"));
        Assert.Equal("0.0825", reader.GetString("e2e_s_p50"));
        Assert.Equal("1", reader.GetString("measured_reps"));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void OutputDoesNotDependOnTheCurrentCulture(string cultureName)
    {
        var run = ReportSamples.CompleteRun();
        var invariant = Exporter.Export(run);

        var localized = CultureScope.Run(cultureName, () => Exporter.Export(run));

        Assert.Equal(invariant, localized);
        Assert.Contains(",123.456789,", localized, StringComparison.Ordinal);
        Assert.Contains(",48.696544,2.216135,0.75136,2171.253556,cpu-fp32,0.0012,0.0034,0.845,-0.021,1,max-reps,3.125,2,45.52,itl-p99<=20ms ttft<=1000ms,false,itl-p99=24.74ms,target-broken,\"batch 1 misses", localized, StringComparison.Ordinal);
        Assert.Contains(",text,7.41,4.073034,1024,quality unavailable: sample" + OkRowStatistics + "\n", localized, StringComparison.Ordinal);
    }

    [Fact]
    public void ReasonWithCommasQuotesAndNewlinesReadsBackUnchanged()
    {
        const string reason = "load failed, \"model.onnx\" missing\nsee log,\r\nthen retry";
        var csv = Exporter.Export(ReportSamples.Run(ReportSamples.FailedRow() with { Reason = reason }, ReportSamples.OkRow()));

        using var reader = CsvReader.FromText(csv);
        Assert.True(reader.Read());
        Assert.Equal(reason, reader.GetString("reason"));
        Assert.Equal("failed", reader.GetString("status"));
        Assert.True(reader.Read());
        Assert.Equal("cpu-int4-rtn-block-32", reader.GetString("variant"));
        Assert.False(reader.Read());
    }

    [Fact]
    public void RowsReadBackAsTheirColumnsValues()
    {
        var run = ReportSamples.Run(ReportSamples.OkRow(), ReportSamples.FailedRow(), ReportSamples.SingleRepetitionRow()) with
        {
            Serving = ServingSamples.Points(),
        };
        var pricing = new RunPricing(run.Cost);

        using var reader = CsvReader.FromText(Exporter.Export(run));
        foreach (var row in ResultsRow.Of(run, pricing))
        {
            Assert.True(reader.Read());
            Assert.Equal(ResultColumns.Csv.Select(column => column.Read(row).Exact ?? ""), ResultColumns.Csv.Select(column => reader.GetString(column.Id)));
        }
        Assert.False(reader.Read());
        Assert.Equal("46.22", Exporter.Export(run).Split('\n')[1].Split(',')[20]);
    }

    private static double Number(CsvReader reader, string column) =>
        double.Parse(reader.GetString(column), CultureInfo.InvariantCulture);

    private static string[] Lines(string csv)
    {
        Assert.EndsWith("\n", csv, StringComparison.Ordinal);
        return csv[..^1].Split('\n');
    }
}
