using System.Security.Cryptography;
using InferBench.Cli;
using InferBench.Fetch;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>
/// One run over the stand-in real model (GPT-2 tokenizer, 50,257 tokens) in fp32, fp16, int8 and int4 gives
/// perplexity, KL and top-1 for every rung; quality that cannot be measured leaves the speed rows as they are.
/// </summary>
public sealed class QualityOnTextRunTests(TextQualityModel model) : IClassFixture<TextQualityModel>, IDisposable
{
    private const int QualityTokens = 60;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(params Precision[] rungs)
    {
        var variants = string.Join(",\n", rungs.Select(rung => $$"""
            { "id": "{{JsonEnumName.Of(rung)}}", "precision": "{{JsonEnumName.Of(rung)}}", "executionProviders": ["cpu"],
              "source": { "path": "{{model.Rung(rung).Replace("\\", "\\\\")}}" } }
            """));
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, $$"""
            { "schemaVersion": 1, "models": [ { "id": "standin", "description": "synthetic Llama with GPT-2's tokenizer", "variants": [ {{variants}} ] } ] }
            """);
        return manifest;
    }

    private CliRun Run(params string[] options) => CliRun.Invoke(["run", "--prompt-tokens", "8", "--gen-tokens", "2", "--batch", "1",
        "--warmup", "0", "--reps", "1", "--threads", "1", "--power", "none", "--idle-seconds", "0", "--out", _temp.Combine("results"), "--json", .. options]);

    private static (RunResult Run, string Folder) Read(CliRun run)
    {
        Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
        var folder = Path.GetDirectoryName(run.Out.Trim())!;
        return (RunFolder.Read(folder), folder);
    }

    [SkippableFact]
    public void Every_rung_gets_perplexity_kl_and_top1_and_fp32_matches_the_plain_csharp_forward_pass()
    {
        var manifest = Manifest(Precision.Fp32, Precision.Fp16, Precision.Int8, Precision.Int4);

        var (result, folder) = Read(Run("--manifest", manifest, "--quality-text", TextQualityModel.TextPath, "--quality-tokens", QualityTokens.ToString()));

        Assert.All(result.Results, row => Assert.Equal(ResultStatus.Ok, row.Status));
        var rows = result.Results.ToDictionary(row => row.Variant);
        Assert.All(rows.Values, row =>
        {
            Assert.Equal(QualityMethod.Text, row.Quality!.Method);
            Assert.Equal("fp32", row.Quality.Reference);
            Assert.Equal(QualityTokens, row.Quality.ScoredTokens);
            Assert.Null(row.Quality.UnavailableReason);
            Assert.True(row.Quality.Perplexity > 1);
        });
        // The stand-in's context is 256 tokens, so the default 512-token windows shrink to 255 (stride 127).
        Assert.Equal((255, 127), (rows["fp32"].Quality!.WindowTokens, rows["fp32"].Quality!.StrideTokens));
        var expected = IndependentPerplexity.Of(model.Rung(Precision.Fp32), TextQualityModel.Text, QualityTokens, 255, 127);
        Assert.InRange(rows["fp32"].Quality!.Perplexity!.Value, expected * (1 - 1e-4), expected * (1 + 1e-4));
        Assert.Equal(0, rows["fp32"].Quality!.PerplexityChangePercent);
        Assert.Null(result.Plan.QualityMethod);
        AssertReferenceAgainstItself(rows["fp32"].Quality!);
        Assert.Null(rows["fp32"].Fidelity);
        foreach (var rung in new[] { "fp16", "int8", "int4" })
        {
            var fidelity = rows[rung].Fidelity!;
            Assert.Equal(("fp32", QualityTokens), (fidelity.Reference, fidelity.Positions));
            Assert.True(fidelity.MeanKlDivergenceNats > 0, $"{rung}: mean KL {fidelity.MeanKlDivergenceNats}");
            Assert.InRange(fidelity.Top1Agreement, 0, 1);
            Assert.Equal(rows["fp32"].Quality!.Perplexity, rows[rung].Quality!.ReferencePerplexity);
            AssertLlamaCppStatistics(rows[rung], rows["fp32"].Quality!);
        }
        Assert.True(rows["int4"].Fidelity!.MeanKlDivergenceNats > rows["fp16"].Fidelity!.MeanKlDivergenceNats);

        var text = result.EvaluationText!;
        Assert.Equal((Path.GetFullPath(TextQualityModel.TextPath), "quality-text.txt"), (text.Source, text.Name));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TextQualityModel.TextPath))), text.Sha256);
        Assert.Null(text.Revision);
        var csv = File.ReadAllLines(Path.Combine(folder, "results.csv"));
        var header = csv[0].Split(',');
        var int4 = csv.Single(line => line.StartsWith("standin,int4,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("text", int4[Array.IndexOf(header, "quality_method")]);
        Assert.Equal(QualityTokens.ToString(), int4[Array.IndexOf(header, "quality_tokens")]);
        Assert.NotEqual("", int4[Array.IndexOf(header, "perplexity_change_pct")]);
        Assert.Contains("ppl ", File.ReadAllText(Path.Combine(folder, "report.md")));
    }

    [SkippableFact]
    public void Quality_method_llama_cpp_scores_the_second_half_of_whole_chunks_and_fp32_matches_the_plain_csharp_forward_pass()
    {
        var manifest = Manifest(Precision.Fp32, Precision.Int4);

        var (result, _) = Read(Run("--manifest", manifest, "--quality-text", TextQualityModel.TextPath, "--quality-tokens", QualityTokens.ToString(),
            "--quality-method", "llama.cpp"));

        Assert.Equal(QualityMethod.LlamaCpp, result.Plan.QualityMethod);
        var rows = result.Results.ToDictionary(row => row.Variant);
        // The 256-token context makes 255-token chunks, each scoring 127 tokens: one chunk holds the 60 tokens asked for.
        Assert.All(rows.Values, row => Assert.Equal((QualityMethod.LlamaCpp, (int?)127, (int?)255, (int?)255, (int?)null, (string?)null),
            (row.Quality!.Method, row.Quality.ScoredTokens, row.Quality.WindowTokens, row.Quality.StrideTokens, row.Quality.BosTokenId, row.Quality.UnavailableReason)));
        var expected = IndependentPerplexity.OfChunks(model.Rung(Precision.Fp32), TextQualityModel.Text, QualityTokens, 255, bos: null);
        Assert.InRange(rows["fp32"].Quality!.Perplexity!.Value, expected * (1 - 1e-4), expected * (1 + 1e-4));
        AssertReferenceAgainstItself(rows["fp32"].Quality!);
        Assert.Equal(127, rows["int4"].Fidelity!.Positions);
        AssertLlamaCppStatistics(rows["int4"], rows["fp32"].Quality!);
    }

    private static void AssertReferenceAgainstItself(ScenarioQuality reference)
    {
        Assert.Equal(((double?)0.0, (double?)0.0, (double?)1.0, (double?)0.0, (double?)1.0), (reference.LnPerplexityRatio, reference.LnPerplexityRatioStandardError, reference.PerplexityRatio,
            reference.PerplexityRatioStandardError, reference.LnPerplexityCorrelation));
        Assert.Equal(reference.PerplexityStandardError, reference.ReferencePerplexityStandardError);
        Assert.True(reference.PerplexityStandardError > 0);
    }

    private static void AssertLlamaCppStatistics(ScenarioResult row, ScenarioQuality reference)
    {
        var (quality, fidelity) = (row.Quality!, row.Fidelity!);
        Assert.Equal(reference.PerplexityStandardError, quality.ReferencePerplexityStandardError);
        Assert.Equal(Math.Log(quality.Perplexity!.Value / reference.Perplexity!.Value), quality.LnPerplexityRatio!.Value, 1e-9);
        Assert.Equal(Math.Exp(quality.LnPerplexityRatio.Value), quality.PerplexityRatio!.Value, 1e-12);
        Assert.True(quality.LnPerplexityRatioStandardError > 0 && quality.PerplexityStandardError > 0);
        Assert.InRange(quality.LnPerplexityCorrelation!.Value, 0, 1);
        Assert.Equal(fidelity.MeanKlDivergenceNats, fidelity.KlDivergenceDistributionNats!.Mean);
        Assert.Equal(9, fidelity.KlDivergenceDistributionNats.Percentiles.Count);
        Assert.True(fidelity.KlDivergenceDistributionNats.Maximum >= fidelity.P99KlDivergenceNats && fidelity.KlDivergenceDistributionNats.MeanStandardError > 0);
        Assert.NotNull(fidelity.Top1AgreementStandardError);
        Assert.Equal(11, fidelity.TokenProbabilityDelta!.Percentiles.Count);
        Assert.InRange(fidelity.TokenProbabilityDelta.Minimum, -1, fidelity.TokenProbabilityDelta.Maximum);
        Assert.True(fidelity.TokenProbabilityDeltaRms > 0 && fidelity.TokenProbabilityDeltaRmsStandardError > 0);
    }

    [SkippableFact]
    public void Without_the_evaluation_text_the_speed_rows_stand_and_quality_says_why()
    {
        model.Require();
        Skip.If(HubDataset.WikiText2Test.InCache(FetchCache.FromEnvironment()) is not null,
            "WikiText-2 is in this machine's fetch cache, so the default run measures quality on it");

        var (result, _) = Read(Run("--manifest", Manifest(Precision.Fp32, Precision.Int4)));

        Assert.All(result.Results, row =>
        {
            Assert.Equal(ResultStatus.Ok, row.Status);
            Assert.NotNull(row.Metrics);
            Assert.Equal(QualityMethod.Text, row.Quality!.Method);
            Assert.StartsWith("quality unavailable: the evaluation text (WikiText-2 raw test, Salesforce/wikitext) is not downloaded", row.Quality.UnavailableReason);
            Assert.Null(row.Quality.Perplexity);
            Assert.Null(row.Fidelity);
        });
        Assert.Null(result.EvaluationText);
    }
}

/// <summary>A --quality-text that cannot be read is bad input, found before anything runs or any run folder is made.</summary>
public sealed class QualityTextInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("missing.txt", null, "file not found at")]
    [InlineData("latin1.txt", new byte[] { 0x63, 0x61, 0x66, 0xE9 }, "is not UTF-8 text: byte 3 is not valid UTF-8")]
    [InlineData("empty.txt", new byte[0], "holds no text to measure quality on")]
    public void A_bad_quality_text_file_exits_2_naming_the_option_and_the_file(string name, byte[]? content, string expected)
    {
        var path = _temp.Combine(name);
        if (content is not null)
            File.WriteAllBytes(path, content);

        var run = CliRun.Invoke("run", "--model-path", _temp.Path, "--out", _temp.Combine("results"), "--quality-text", path);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var message = run.Error.Split(Environment.NewLine)[0];
        Assert.StartsWith("inferbench: --quality-text: ", message);
        Assert.Contains(path, message);
        Assert.Contains(expected, message);
        Assert.False(Directory.Exists(_temp.Combine("results")));
        run.AssertNoStackTrace();
    }

    [Theory]
    [InlineData("random-tokens")]
    [InlineData("llama")]
    public void A_quality_method_other_than_text_or_llama_cpp_exits_2_naming_the_option(string method)
    {
        var run = CliRun.Invoke("run", "--model-path", _temp.Path, "--out", _temp.Combine("results"), "--quality-method", method);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--quality-method", run.Error);
        Assert.Contains("llama.cpp", run.Error);
        Assert.False(Directory.Exists(_temp.Combine("results")));
        run.AssertNoStackTrace();
    }
}
