using System.Text.Json.Nodes;
using InferBench.Cli;
using InferBench.Cost.Catalog;
using InferBench.Merge;
using InferBench.Results;
using InferBench.Tests.Support;
using static InferBench.Tests.Merge.MergeSamples;

namespace InferBench.Tests.Merge;

/// <summary>
/// Quality figures across machines: the text, scored tokens, window, method and reference they rest on are compared and
/// differences flagged; the reference, the method and the perplexity change are shown beside top-1 and KL.
/// </summary>
public sealed class MergeQualityTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out => _temp.Combine("merged");

    private static readonly EvaluationTextRecord WikiText = new("WikiText-2 raw test", "Salesforce/wikitext", "b08601e", "wikitext-2-raw-v1/test.parquet",
        new string('a', 64), "CC BY-SA 3.0", 1_288_556);

    private static readonly EvaluationTextRecord Notes = new("notes.txt", "/data/notes.txt", null, null, new string('b', 64), null, 40_000);

    /// <summary>A run of fp16 (the reference) and int4 on <paramref name="host"/>, quality on <paramref name="text"/>.</summary>
    private static RunResult Measured(string runId, HostFacts host, EvaluationTextRecord text, ScenarioQuality quality) =>
        Run(runId, host, 0.98,
            Row(Llama, "cuda-fp16", 1, 40) with { Quality = quality },
            Row(Llama, "cuda-int4", 1, 70) with
            {
                Quality = quality with { Perplexity = quality.ReferencePerplexity * 1.041 },
                Fidelity = new ScenarioFidelity(quality.Reference!, 0.012, 0.05, 0.97, -0.01, quality.ScoredTokens!.Value),
            }) with { EvaluationText = text };

    private static readonly ScenarioQuality OnWikiText = new(QualityMethod.Text, 6.0, "cuda-fp16", 6.0, 2048, 512, 256);

    [Fact]
    public void QualityOnAnotherTextTokenCountOrReferenceIsFlaggedNotComparable()
    {
        Write(_temp.Combine("runs", "a"), Measured("20261201-080000-aaaaaa", L4, WikiText, OnWikiText));
        Write(_temp.Combine("runs", "b"), Measured("20261201-080000-bbbbbb", H100, Notes,
            OnWikiText with { Reference = "cuda-fp32", ScoredTokens = 1024, WindowTokens = 256, StrideTokens = 128 }));

        var cli = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out);

        Assert.Equal(ExitCodes.AllOk, cli.ExitCode);
        var merged = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, MergedJson.FileName)))!;
        Assert.Empty(MergedSchema.Errors(merged.ToJsonString()));
        string[] flags =
        [
            $"not comparable: {Llama} quality reference cuda-fp32 (most runs: cuda-fp16)",
            $"not comparable: {Llama} quality text notes.txt, SHA-256 bbbbbbbbbbbbbbbb (most runs: WikiText-2 raw test, SHA-256 aaaaaaaaaaaaaaaa)",
            $"not comparable: {Llama} quality tokens 1024 (most runs: 2048)",
            $"not comparable: {Llama} quality window 256 tokens, stride 128 (most runs: 512 tokens, stride 256)",
        ];
        foreach (var variant in new[] { "cuda-fp16", "cuda-int4" })
        {
            Assert.Equal(flags, Flags(Entry(merged, variant, "aws p5.48xlarge")));
            Assert.Empty(Flags(Entry(merged, variant, "aws g6.xlarge")));
        }
        Assert.Contains(flags[1], cli.Error, StringComparison.Ordinal);
        Assert.Contains(flags[1], File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void QualityScoredAsLlamaCppBesideSlidingWindowsIsFlaggedWithItsMethodAndChunks()
    {
        var llamaCpp = OnWikiText with
        {
            Method = QualityMethod.LlamaCpp, StrideTokens = 512, BosTokenId = 1, PerplexityStandardError = 0.08, PerplexityRatio = 1.041,
            PerplexityRatioStandardError = 0.001, LnPerplexityRatio = Math.Log(1.041), LnPerplexityRatioStandardError = 0.001,
        };
        Write(_temp.Combine("runs", "a"), Measured("20261201-080000-aaaaaa", L4, WikiText, OnWikiText));
        Write(_temp.Combine("runs", "b"), Measured("20261201-080000-bbbbbb", H100, WikiText, llamaCpp));

        var cli = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out);

        Assert.Equal(ExitCodes.AllOk, cli.ExitCode);
        var merged = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, MergedJson.FileName)))!;
        Assert.Empty(MergedSchema.Errors(merged.ToJsonString()));
        // One text run and one llama.cpp run: on a tie, most runs' facts are the first run's (the text run).
        string[] flags =
        [
            $"not comparable: {Llama} quality method llama.cpp (most runs: text)",
            $"not comparable: {Llama} quality window chunks of 512 tokens, second half scored, BOS at each chunk (most runs: 512 tokens, stride 256)",
        ];
        Assert.Equal(flags, Flags(Entry(merged, "cuda-int4", "aws p5.48xlarge")));
        Assert.Empty(Flags(Entry(merged, "cuda-int4", "aws g6.xlarge")));
        var quality = Entry(merged, "cuda-int4", "aws p5.48xlarge")["quality"]!;
        Assert.Equal("llama.cpp", quality["method"]!.GetValue<string>());
        Assert.Equal(0.08, quality["perplexityStandardError"]!.GetValue<double>(), 9);
        Assert.Contains("| cuda-fp16 on llama.cpp |", File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(Out, "results.csv"));
        Assert.Contains("perplexity_ratio_se", csv[0].Split(','));
    }

    [Fact]
    public void AModelsQualityFlagsStayOnThatModelsEntries()
    {
        var gpt2 = Row(Gpt2, "cuda-fp32", 1, 900) with { Quality = new ScenarioQuality(QualityMethod.Text, 30, "cuda-fp32", 30, 2048, 512, 256) };
        var a = Measured("20261201-080000-aaaaaa", L4, WikiText, OnWikiText);
        var b = Measured("20261201-080000-bbbbbb", H100, WikiText, OnWikiText with { ScoredTokens = 1024 });
        Write(_temp.Combine("runs", "a"), a with { Results = [.. a.Results, gpt2] });
        Write(_temp.Combine("runs", "b"), b with { Results = [.. b.Results, gpt2] });

        var merge = RunMerge.Of([_temp.Combine("runs")], [], PricingCatalogLoader.Load(null));

        Assert.Equal([$"not comparable: {Llama} quality tokens 1024 (most runs: 2048)"], merge.Inputs.Single(input => input.RunId == b.RunId).Flags);
        Assert.Empty(merge.Entries.Single(entry => entry.Model == Gpt2 && entry.Machine == "aws p5.48xlarge").Flags);
        Assert.Single(merge.Entries.Single(entry => entry.Model == Llama && entry.Variant == "cuda-int4" && entry.Machine == "aws p5.48xlarge").Flags);
    }

    [Fact]
    public void TheComparisonShowsTheReferenceTheMethodAndThePerplexityChangeBesideTopOneAndKl()
    {
        Write(_temp.Combine("runs", "a"), Measured("20261201-080000-aaaaaa", L4, WikiText, OnWikiText));

        var cli = CliRun.Invoke("merge", _temp.Combine("runs"), "--out", Out);

        Assert.Equal(ExitCodes.AllOk, cli.ExitCode);
        var merged = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, MergedJson.FileName)))!;
        var int4 = Entry(merged, "cuda-int4", "aws g6.xlarge");
        Assert.Equal("cuda-fp16", int4["quality"]!["reference"]!.GetValue<string>());
        Assert.Equal("text", int4["quality"]!["method"]!.GetValue<string>());
        Assert.Equal(4.1, int4["perplexityChangePercent"]!.GetValue<double>(), 9);
        Assert.Equal(WikiText.Sha256, int4["evaluationText"]!["sha256"]!.GetValue<string>());
        var md = File.ReadAllText(Path.Combine(Out, "report.md"));
        Assert.Contains("| Top-1 agreement | KL mean (nats) | Perplexity change (%) | Quality against |", md, StringComparison.Ordinal);
        Assert.Contains("| cuda-fp16 on text |", md, StringComparison.Ordinal);
        Assert.Contains("WikiText-2 raw test", md, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Flags(JsonNode entry) => entry["flags"]!.AsArray().Select(node => node!.GetValue<string>());

    private static JsonNode Entry(JsonNode merged, string variant, string machine) => merged["entries"]!.AsArray().Single(entry =>
        entry!["variant"]!.GetValue<string>() == variant && entry["machine"]!.GetValue<string>() == machine)!;
}
