using System.Text.Json.Nodes;
using CsvHelper;
using InferBench.Cli;
using InferBench.Cost.Catalog;
using InferBench.Merge;
using InferBench.Reports;
using InferBench.Reports.Columns;
using InferBench.Results;
using InferBench.Tests.Support;
using static InferBench.Tests.Merge.MergeSamples;

namespace InferBench.Tests.Merge;

/// <summary><c>inferbench merge</c> over run folders of three simulated machines, as a campaign and an upload leave them.</summary>
public sealed class MergeCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out => _temp.Combine("merged");

    /// <summary>The L4 and H100 runs as two shards of one campaign, the CPU box's run uploaded on its own: 10 rows in all.</summary>
    private string ThreeMachines()
    {
        Write(_temp.Combine("runs", "gpu-compare", "shard-0", "20261201-100000-aaaaaa"), Run("20261201-100000-aaaaaa", L4, 0.98,
            Row(Llama, "cuda-fp16", 1, 40), Row(Llama, "cuda-fp16", 4, 120), Row(Llama, "cuda-int4", 1, 70), Row(Llama, "cuda-int4", 4, 200),
            Row(Gpt2, "cuda-fp32", 1, 900)));
        Write(_temp.Combine("runs", "gpu-compare", "shard-1", "20261201-100500-bbbbbb"), Run("20261201-100500-bbbbbb", H100, 98.32,
            Row(Llama, "cuda-fp16", 1, 150), Row(Llama, "cuda-fp16", 4, 500), Row(Llama, "cuda-int4", 1, 220)));
        Write(_temp.Combine("runs", "upload", "20261201-110000-cccccc"), Run("20261201-110000-cccccc", CpuBox, null,
            Row(Llama, "cpu-int4", 1, 20, 0.01, "estimated-cpu-tdp"), Failed(Llama, "cpu-int4", 4, "out of memory")));
        return _temp.Combine("runs");
    }

    [Fact]
    public void MergesRunsOfThreeMachinesIntoOneComparison()
    {
        var run = CliRun.Invoke("merge", ThreeMachines(), "--out", Out);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains($"Merged 3 runs from 3 machines into {Out}", run.Out, StringComparison.Ordinal);
        Assert.Equal(["merged.json", "report.html", "report.md", "results.csv"], Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var json = MergedJsonText();
        Assert.Empty(MergedSchema.Errors(json));
        var merged = JsonNode.Parse(json)!;
        Assert.Equal(["aws g6.xlarge", "aws p5.48xlarge", "AMD EPYC (2 logical cores)"], Labels(merged["machines"]!));
        Assert.Equal(8, merged["machines"]![1]!["identity"]!["gpuCount"]!.GetValue<int>());
        var l4Fp16 = Entry(merged, Llama, "cuda-fp16", "aws g6.xlarge");
        Assert.Equal(40, l4Fp16["batchOne"]!["decodeTokensPerSecond"]!["median"]!.GetValue<double>());
        Assert.Equal(4, l4Fp16["best"]!["batchSize"]!.GetValue<int>());
        // $/1M = $0.98/h / (120 tok/s x 3600 s/h x 50% utilisation) x 1e6, at the run's own price.
        Assert.Equal(0.98 / (120 * 3600 * 0.5) * 1e6, l4Fp16["best"]!["usdPerMillionGeneratedTokens"]!.GetValue<double>(), 9);
        Assert.Equal("measured-nvml-counter", l4Fp16["best"]!["energySource"]!.GetValue<string>());
        var h100Int4 = Entry(merged, Llama, "cuda-int4", "aws p5.48xlarge");
        Assert.Equal(1, h100Int4["best"]!["batchSize"]!.GetValue<int>());
        var cpu = Entry(merged, Llama, "cpu-int4", "AMD EPYC (2 logical cores)");
        Assert.Null(cpu["best"]!["usdPerMillionGeneratedTokens"]);
        Assert.Equal("estimated-cpu-tdp", cpu["best"]!["energySource"]!.GetValue<string>());
        Assert.Equal(6, merged["entries"]!.AsArray().Count);

        var header = File.ReadLines(Path.Combine(Out, "results.csv")).First().Split(',');
        using var csv = CsvReader.FromText(File.ReadAllText(Path.Combine(Out, "results.csv")));
        Assert.True(csv.Read());
        Assert.Equal(MergedColumns.Csv(servingRows: false).Select(column => column.Id), header);
        Assert.Equal(ResultColumns.For(servingRows: false).Select(column => column.Id), header.Skip(MergedColumns.MachineColumns.Count));
        var rows = new List<(string Machine, string Variant, string Status)> { (csv.GetString("machine"), csv.GetString("variant"), csv.GetString("status")) };
        while (csv.Read())
            rows.Add((csv.GetString("machine"), csv.GetString("variant"), csv.GetString("status")));
        Assert.Equal(10, rows.Count);
        Assert.Contains(("AMD EPYC (2 logical cores)", "cpu-int4", "failed"), rows);

        var md = File.ReadAllText(Path.Combine(Out, "report.md"));
        Assert.Contains("# InferBench merge: 3 runs from 3 machines", md, StringComparison.Ordinal);
        Assert.Contains("## synthetic-llama-small", md, StringComparison.Ordinal);
        Assert.Contains("## tiny-random-gpt2", md, StringComparison.Ordinal);
        Assert.Matches(@"\| 0\.01\d* \(est\.\) \| estimated-cpu-tdp \|", md);
        var html = File.ReadAllText(Path.Combine(Out, "report.html"));
        Assert.Contains("$ per 1M generated tokens against decode tok/s across machines", html, StringComparison.Ordinal);
        Assert.Contains(">aws p5.48xlarge</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameRunGivenTwiceIsCountedOnce()
    {
        var runs = ThreeMachines();
        var copy = Write(_temp.Combine("copy", "20261201-100000-aaaaaa"), Read(runs, "gpu-compare", "shard-0", "20261201-100000-aaaaaa"));

        var run = CliRun.Invoke("merge", runs, copy, "--out", Out);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains($"warning: {copy}: duplicate: the same run (20261201-100000-aaaaaa)", run.Error, StringComparison.Ordinal);
        Assert.Equal(1 + 10, File.ReadAllLines(Path.Combine(Out, "results.csv")).Length);
        var inputs = JsonNode.Parse(MergedJsonText())!["inputs"]!.AsArray();
        Assert.Equal(["merged", "merged", "merged", "duplicate"], inputs.Select(input => input!["status"]!.GetValue<string>()));
    }

    [Fact]
    public void ARetriedShardCountsOnceTheCompleteNewestRun()
    {
        var shard = new CampaignShard("gpu-compare", 0, 2, "l4", [$"{Llama}/cuda-fp16"]);
        var first = Write(_temp.Combine("runs", "shard-0", "20261201-090000-111111"), Run("20261201-090000-111111", L4, 0.98,
            Row(Llama, "cuda-fp16", 1, 10)) with { Shard = shard, State = RunState.InProgress });
        var retry = Write(_temp.Combine("runs", "shard-0", "20261201-093000-222222"), Run("20261201-093000-222222", L4, 0.98,
            Row(Llama, "cuda-fp16", 1, 40)) with { Shard = shard, StartedUtc = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero) });

        var run = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Contains($"warning: {first}: superseded: campaign gpu-compare shard 0 of 2 ran again as 20261201-093000-222222 ({retry}) " +
            $"with the same work (l4: {Llama}/cuda-fp16)", run.Error, StringComparison.Ordinal);
        var merged = JsonNode.Parse(MergedJsonText())!;
        Assert.Equal(40, Entry(merged, Llama, "cuda-fp16", "aws g6.xlarge")["best"]!["decodeTokensPerSecond"]!["median"]!.GetValue<double>());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Out, "results.csv")).Length);
    }

    [Fact]
    public void RunsOfOneShardIndexWithDifferentWorkAreNotRetriesOfEachOther()
    {
        // The campaign file changed between the runs: shard 0 meant fp16, then int4. Neither replaces the other.
        Write(_temp.Combine("runs", "shard-0", "20261201-090000-111111"), Run("20261201-090000-111111", L4, 0.98,
            Row(Llama, "cuda-fp16", 1, 40)) with { Shard = new CampaignShard("gpu-compare", 0, 2, "l4", [$"{Llama}/cuda-fp16"]) });
        Write(_temp.Combine("runs", "shard-0", "20261201-093000-222222"), Run("20261201-093000-222222", L4, 0.98,
            Row(Llama, "cuda-int4", 1, 70)) with
        {
            Shard = new CampaignShard("gpu-compare", 0, 2, "l4", [$"{Llama}/cuda-int4"]),
            StartedUtc = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
        });

        var run = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.DoesNotContain("superseded", run.Error, StringComparison.Ordinal);
        Assert.Equal(["merged", "merged"], JsonNode.Parse(MergedJsonText())!["inputs"]!.AsArray().Select(input => input!["status"]!.GetValue<string>()));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(Out, "results.csv")).Length);
    }

    [Fact]
    public void PartialRunsAndRunsOfAnotherPlanOrVersionAreFlagged()
    {
        var runs = ThreeMachines();
        var other = Run("20261202-080000-dddddd", L4, 0.98, Row(Llama, "cuda-int8", 1, 55));
        Write(_temp.Combine("runs", "later", other.RunId), other with
        {
            State = RunState.Cancelled,
            Plan = other.Plan with { IntraOpThreads = 2 },
            Software = other.Software with { InferBench = "0.2.0" },
        });

        var run = CliRun.Invoke("merge", runs, "--out", Out);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var entry = Entry(JsonNode.Parse(MergedJsonText())!, Llama, "cuda-int8", "aws g6.xlarge");
        Assert.Equal(
        [
            "partial: the run was stopped (Ctrl-C or SIGTERM) before its plan was done, so it holds what was measured until then",
            "not comparable: intra-op threads 2 (most runs: ONNX Runtime's choice)",
            "not comparable: InferBench 0.2.0 (most runs: 0.1.0)",
        ], entry["flags"]!.AsArray().Select(flag => flag!.GetValue<string>()));
        Assert.Contains("not comparable: intra-op threads 2", run.Error, StringComparison.Ordinal);
        using var csv = CsvReader.FromText(File.ReadAllText(Path.Combine(Out, "results.csv")));
        var flagged = new List<string>();
        while (csv.Read())
            if (csv.GetString("run_id") == other.RunId)
                flagged.Add(csv.GetString("run_flags"));
        Assert.StartsWith("partial: ", Assert.Single(flagged), StringComparison.Ordinal);
        Assert.Contains("not comparable: intra-op threads 2", File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFoldersAreNamedAndTheRestIsStillMerged()
    {
        var good = Write(_temp.Combine("runs", "good"), Run("20261201-100000-aaaaaa", L4, 0.98, Row(Llama, "cuda-fp16", 1, 40)));
        var corrupted = Directory.CreateDirectory(_temp.Combine("runs", "corrupted")).FullName;
        File.WriteAllText(Path.Combine(corrupted, RunJson.FileName), "{\"schemaVersion\": 2, \"runId\": ");
        var future = Directory.CreateDirectory(_temp.Combine("runs", "future")).FullName;
        File.WriteAllText(Path.Combine(future, RunJson.FileName), "{\"schemaVersion\": 99}");
        var empty = Directory.CreateDirectory(_temp.Combine("empty")).FullName;
        var missing = _temp.Combine("missing");
        var nothingMeasured = Write(_temp.Combine("runs", "oom"), Run("20261201-120000-eeeeee", H100, 98.32, Failed(Llama, "cuda-fp16", 1, "out of memory")));

        var run = CliRun.Invoke("merge", _temp.Combine("runs"), empty, missing, "--out", Out);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Contains($"inferbench: {corrupted}: {Path.Combine(corrupted, RunJson.FileName)}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"inferbench: {future}: {Path.Combine(future, RunJson.FileName)}: schemaVersion 99 is not supported", run.Error, StringComparison.Ordinal);
        Assert.Contains($"inferbench: {empty}: no run.json in it or in its subfolders", run.Error, StringComparison.Ordinal);
        Assert.Contains($"inferbench: {missing}: not found", run.Error, StringComparison.Ordinal);
        Assert.Contains($"warning: {nothingMeasured}: no ok rows: nothing measured (1 failed)", run.Error, StringComparison.Ordinal);
        var merged = JsonNode.Parse(MergedJsonText())!;
        Assert.Empty(MergedSchema.Errors(merged.ToJsonString()));
        Assert.Equal(4, merged["problems"]!.AsArray().Count);
        Assert.Equal(40, Entry(merged, Llama, "cuda-fp16", "aws g6.xlarge")["best"]!["decodeTokensPerSecond"]!["median"]!.GetValue<double>());
        Assert.StartsWith("no ok row: batch 1 failed: out of memory",
            Entry(merged, Llama, "cuda-fp16", "aws p5.48xlarge")["flags"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(good, File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
        Assert.Contains("## Not merged", File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void WhenNoRunCanBeReadNothingIsWritten()
    {
        var corrupted = Directory.CreateDirectory(_temp.Combine("runs", "corrupted")).FullName;
        File.WriteAllText(Path.Combine(corrupted, RunJson.FileName), "{\"schemaVersion\": 2, \"runId\": ");

        var run = CliRun.Invoke("merge", corrupted, "--out", Out);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Contains($"inferbench: no run could be merged; nothing was written into {Path.GetFullPath(Out)}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Merged", run.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out), "no merged files from no runs");
    }

    [Fact]
    public void ServingPointsAreMergedAsRowsWithTheirMachineAndAServingOnlyRunCountsAsMeasured()
    {
        var serving = Run("20261201-130000-ffffff", H100, 98.32) with { Serving = ServingSamples.Points() };
        var folder = Write(_temp.Combine("serve", "20261201-130000-ffffff"), serving);

        var run = CliRun.Invoke("merge", folder, "--out", Out);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.DoesNotContain("no ok rows", run.Error, StringComparison.Ordinal);
        using var csv = CsvReader.FromText(File.ReadAllText(Path.Combine(Out, "results.csv")));
        Assert.Equal(MergedColumns.Csv(servingRows: true).Select(column => column.Id), File.ReadLines(Path.Combine(Out, "results.csv")).First().Split(','));
        var rows = new List<(string Machine, string Kind, string Load, string Output)>();
        while (csv.Read())
            rows.Add((csv.GetString("machine"), csv.GetString("row_kind"), csv.GetString("serving_concurrency") + csv.GetString("request_rate_per_s"),
                csv.GetString("output_tokens_per_s")));
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Equal(("aws p5.48xlarge", "serving"), (row.Machine, row.Kind)));
        Assert.Equal(("4", "727"), (rows[2].Load, rows[2].Output));
        Assert.Contains("## synthetic-llama-small: serving under load on aws p5.48xlarge (run 20261201-130000-ffffff)",
            File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void RunsWithoutAnOkRowExitWithNothingMeasured()
    {
        var folder = Write(_temp.Combine("oom"), Run("20261201-120000-eeeeee", H100, 98.32, Failed(Llama, "cuda-fp16", 1, "out of memory")));

        var run = CliRun.Invoke("merge", folder, "--out", Out);

        Assert.Equal(ExitCodes.NothingMeasured, run.ExitCode);
        Assert.Contains($"warning: {folder}: no ok rows", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "report.html")));
    }

    [Fact]
    public void PriceGivesAMachineACatalogInstanceOrAnHourlyPrice()
    {
        var catalogPrice = PricingCatalogLoader.Load(null).GpuInstances.Single(instance => instance.Id == "aws-g6.xlarge").Price.Value;

        var run = CliRun.Invoke("merge", ThreeMachines(), "--out", Out, "--price", "g6.xlarge=aws-g6.xlarge", "--price", "AMD EPYC=0.1");

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        var merged = JsonNode.Parse(MergedJsonText())!;
        var l4 = Entry(merged, Llama, "cuda-fp16", "aws g6.xlarge");
        Assert.Equal(catalogPrice, l4["priceUsdPerHour"]!.GetValue<double>());
        Assert.Contains("aws-g6.xlarge", l4["priceSource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(catalogPrice / (120 * 3600 * 0.5) * 1e6, l4["best"]!["usdPerMillionGeneratedTokens"]!.GetValue<double>(), 9);
        Assert.Equal(0.1 / (20 * 3600 * 0.5) * 1e6,
            Entry(merged, Llama, "cpu-int4", "AMD EPYC (2 logical cores)")["best"]!["usdPerMillionGeneratedTokens"]!.GetValue<double>(), 9);
        Assert.Equal(98.32, Entry(merged, Llama, "cuda-fp16", "aws p5.48xlarge")["priceUsdPerHour"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("a100=aws-p4d.24xlarge", "--price a100: names none of the merged machines")]
    [InlineData("g6.xlarge=no-such-instance", "--price g6.xlarge: no \"no-such-instance\" in the pricing catalog")]
    [InlineData("g6.xlarge=NaN", "--price g6.xlarge: expected a number from 0 to 1000000 USD per hour, got \"NaN\"")]
    [InlineData("g6.xlarge", "--price: expected <machine>=<catalog instance id or USD per hour>")]
    public void ABadPriceIsBadInputAndWritesNothing(string price, string message)
    {
        var run = CliRun.Invoke("merge", ThreeMachines(), "--out", Out, "--price", price);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        run.AssertNoStackTrace();
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void MachinesThatShareAnInstanceTypeButNotADriverAreToldApart()
    {
        Write(_temp.Combine("runs", "a"), Run("20261201-100000-aaaaaa", L4, 0.98, Row(Llama, "cuda-fp16", 1, 40)));
        Write(_temp.Combine("runs", "b"), Run("20261201-100000-bbbbbb", L4 with { Gpus = [new GpuFacts("NVIDIA L4", "560.35.03")] }, 0.98,
            Row(Llama, "cuda-fp16", 1, 44)));

        var run = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out);

        Assert.Equal(ExitCodes.AllOk, run.ExitCode);
        Assert.Equal(
        [
            "aws g6.xlarge, 1x NVIDIA L4 (driver 550.54.15), AMD EPYC 7R13 (8 logical cores)",
            "aws g6.xlarge, 1x NVIDIA L4 (driver 560.35.03), AMD EPYC 7R13 (8 logical cores)",
        ], Labels(JsonNode.Parse(MergedJsonText())!["machines"]!));
    }

    [Fact]
    public void OutOnAFileIsBadInput()
    {
        var file = _temp.Combine("file");
        File.WriteAllText(file, "");

        var run = CliRun.Invoke("merge", ThreeMachines(), "--out", file);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"--out: cannot create the folder {file}", run.Error, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    private string MergedJsonText() => File.ReadAllText(Path.Combine(Out, MergedJson.FileName));

    private static RunResult Read(params string[] parts) => RunFolder.Read(Path.Combine(parts));

    private static IEnumerable<string> Labels(JsonNode machines) => machines.AsArray().Select(machine => machine!["label"]!.GetValue<string>());

    private static JsonNode Entry(JsonNode merged, string model, string variant, string machine) => merged["entries"]!.AsArray().Single(entry =>
        entry!["model"]!.GetValue<string>() == model && entry["variant"]!.GetValue<string>() == variant && entry["machine"]!.GetValue<string>() == machine)!;
}
