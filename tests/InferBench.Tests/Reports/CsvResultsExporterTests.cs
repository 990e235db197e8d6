using System.Globalization;
using CsvHelper;
using InferBench.Reports;

namespace InferBench.Tests.Reports;

public sealed class CsvResultsExporterTests
{
    private const string Header =
        "model,variant,precision,ep,batch,prompt_tokens,gen_tokens,status,reason,load_s,resident_memory_after_load_mb," +
        "ttft_ms_p50,ttft_ms_p90,ttft_ms_p99,ttft_ms_ci95_low,ttft_ms_ci95_high,prefill_tok_s_p50,prefill_tok_s_mean," +
        "decode_tok_s_p50,decode_tok_s_mean,decode_tok_s_ci95_low,decode_tok_s_ci95_high,itl_ms_p50,itl_ms_p90,itl_ms_p99," +
        "e2e_s_p50,e2e_s_mean,peak_memory_mb,measured_reps,itl_samples," +
        "energy_source,energy_status,j_per_token,j_per_token_net,prefill_j_per_token,decode_j_per_token,avg_w,peak_w,throttled";

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
            "measured-nvml-counter,ok,13.48,9.87,0.1,0.2,300.1,342.7,false",
            lines[1]);
    }

    [Fact]
    public void FailedRowHasEmptyCellsForWhatWasNotMeasured()
    {
        var lines = Lines(Exporter.Export(ReportSamples.Run(ReportSamples.FailedRow())));

        Assert.Equal("phi-3-mini,cuda-fp16,fp16,cuda,1,128,64,failed,CUDA error: out of memory | allocating 2 GiB" + new string(',', 30), lines[1]);
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
        var invariant = WithCulture(CultureInfo.InvariantCulture, () => Exporter.Export(run));

        var culture = CultureInfo.GetCultureInfo(cultureName);
        Assert.Equal(",", culture.NumberFormat.NumberDecimalSeparator); // else this test could not fail
        var localized = WithCulture(culture, () => Exporter.Export(run));

        Assert.Equal(invariant, localized);
        Assert.Contains(",123.456789,", localized, StringComparison.Ordinal);
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
    public void RowsReadBackAsCsvResultRows()
    {
        var run = ReportSamples.Run(ReportSamples.OkRow(), ReportSamples.FailedRow(), ReportSamples.SingleRepetitionRow());

        using var reader = CsvReader.FromText(Exporter.Export(run));
        var rows = reader.GetRecords<CsvResultRow>().ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(CsvResultRow.From(run.Results[0]) with { TtftMsP50 = 123.456789, TtftMsP90 = 125.456789, TtftMsP99 = 126.456789,
            TtftMsCi95Low = 124.156789, TtftMsCi95High = 124.756789, DecodeTokPerSecCi95Low = 46.22, DecodeTokPerSecCi95High = 46.82,
            PrefillTokPerSecMean = 1001.24, DecodeTokPerSecMean = 46.52, ItlMsP90 = 23.74, ItlMsP99 = 24.74, EndToEndSecMean = 3.874 },
            rows[0]);
        Assert.Equal(CsvResultRow.From(run.Results[1]), rows[1]);
        Assert.Null(rows[2].DecodeTokPerSecCi95Low);
    }

    private static string[] Lines(string csv)
    {
        Assert.EndsWith("\n", csv, StringComparison.Ordinal);
        return csv[..^1].Split('\n');
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
