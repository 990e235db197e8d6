using System.Text.Json;
using System.Text.Json.Nodes;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed class RunJsonTests
{
    private const string FileName = "results/20251125-132800-a1b2c3/run.json";

    [Fact]
    public void SampleRunSetsEveryProperty()
    {
        // Guards the round trip below: a property the sample leaves unset would go untested.
        ObjectGraph.AssertEveryPropertySet(ServingSamples.CompleteRun());
    }

    [Fact]
    public void RoundTripKeepsEveryValue()
    {
        var run = ServingSamples.CompleteRun();

        var read = RunJson.Deserialize(RunJson.Serialize(run), FileName);

        ObjectGraph.AssertEqual(run, read);
    }

    [Fact]
    public void WritesCamelCaseEnumNamesOmitsNullsAndWritesNaNAsNull()
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.FailedRow(), ReportSamples.SingleRepetitionRow())))!;

        var failed = json["results"]![0]!.AsObject();
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.False(failed.ContainsKey("metrics"));
        Assert.False(failed.ContainsKey("loadSeconds"));
        var decode = json["results"]![1]!["metrics"]!["decodeTokensPerSecond"]!.AsObject();
        Assert.True(decode.ContainsKey("standardDeviation"));
        Assert.Null(decode["standardDeviation"]);
        Assert.Null(decode["confidenceInterval95Lower"]);
        Assert.Equal(400, decode["median"]!.GetValue<double>());
        Assert.Equal("measured", json["results"]![1]!["repetitions"]![0]!["phase"]!.GetValue<string>());
        Assert.Equal(RunResult.CurrentSchemaVersion, json["schemaVersion"]!.GetValue<int>());
    }

    [Fact]
    public void NonFiniteNumbersInListsAreWrittenAsNullAndReadBackAsNaN()
    {
        var json = JsonSerializer.Serialize(new[] { 1.5, double.NaN, double.PositiveInfinity }, RunJson.Options);

        Assert.Equal("[\n  1.5,\n  null,\n  null\n]", json);
        Assert.Equal([1.5, double.NaN, double.NaN], JsonSerializer.Deserialize<double[]>(json, RunJson.Options)!);
    }

    [Fact]
    public void InvalidJsonIsReportedWithFileLineAndColumn()
    {
        const string json = "{\n  \"schemaVersion\": 1,\n  \"runId\": oops\n}";

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json, FileName));

        Assert.StartsWith(FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, column 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueOfTheWrongTypeIsReportedWithItsPath()
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        json["results"]![0]!["batchSize"] = "one";

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.Contains(FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("path $.results[0].batchSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AProvenanceOtherThanTheFourIsAnInputErrorNamingItsPath()
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.CompleteRun()))!;
        json["cost"]!["utilization"]!["provenance"] = "guessed";

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.Contains(FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("path $.cost.utilization.provenance", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan", "seed")]
    [InlineData("host", "logicalCores")]
    [InlineData("software", "dotNet")]
    public void MissingRequiredValueIsAnInputError(string parent, string property)
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        json[parent]!.AsObject().Remove(property);

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.Contains($"'{property}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullForAValueThatCannotBeNullIsAnInputError()
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        json["host"]!["cpuModel"] = null;

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.Contains("path $.host.cpuModel: expected a string, got null", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nullability", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, JsonNode?, string> WrongValues => new()
    {
        { "metrics.decodeTokensPerSecond", "fast", "path $.results[0].metrics.decodeTokensPerSecond: expected an object, got the string \"fast\"" },
        { "batchSize", "one", "path $.results[0].batchSize: expected a whole number, got the string \"one\"" },
        { "batchSize", 1.5, "path $.results[0].batchSize: expected a whole number, got the number 1.5" },
        { "status", "great", "path $.results[0].status: expected one of \"ok\"" },
        { "status", new JsonArray(), "path $.results[0].status: expected one of \"ok\"" },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void AWrongValueIsSaidInPlainWordsWithoutDotNetTypeNames(string dottedPath, JsonNode? value, string expected)
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        var names = dottedPath.Split('.');
        var parent = names[..^1].Aggregate(json["results"]![0]!, (node, name) => node[name]!);
        parent[names[^1]] = value;

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.StartsWith(FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("InferBench.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nullability", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batchSize", -5, "$.results[0].batchSize: ")]
    [InlineData("genTokens", -1, "$.results[0].genTokens: ")]
    public void AValueTheSchemaRefusesIsAnInputErrorNotARenderedRow(string field, int value, string expectedStart)
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        json["results"]![0]![field] = value;

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.StartsWith($"{FileName}: {expectedStart}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A damaged llama.cpp-style statistic: a negative standard error, a correlation, Δp or percent out of its range, an unknown method.</summary>
    public static TheoryData<string, JsonNode, string> DamagedQualityStatistics => new()
    {
        { "results.0.quality.perplexityStandardError", -0.05, "$.results[0].quality.perplexityStandardError: expected 0 or more, got -0.05" },
        { "results.0.quality.lnPerplexityRatioStandardError", -1e-6, "$.results[0].quality.lnPerplexityRatioStandardError: expected 0 or more" },
        { "results.0.quality.lnPerplexityCorrelation", 1.5, "$.results[0].quality.lnPerplexityCorrelation: expected 1 or less, got 1.5" },
        { "results.0.quality.perplexityRatio", 0, "$.results[0].quality.perplexityRatio: expected more than 0, got 0" },
        { "results.0.fidelity.top1AgreementStandardError", -0.01, "$.results[0].fidelity.top1AgreementStandardError: expected 0 or more" },
        { "results.0.fidelity.klDivergenceDistributionNats.meanStandardError", -0.001,
            "$.results[0].fidelity.klDivergenceDistributionNats.meanStandardError: expected 0 or more" },
        { "results.0.fidelity.klDivergenceDistributionNats.percentiles.8.percent", 999, "$.results[0].fidelity.klDivergenceDistributionNats.percentiles[8].percent: expected 100 or less" },
        { "results.0.fidelity.tokenProbabilityDelta.mean", -12.3, "$.results[0].fidelity.tokenProbabilityDelta.mean: expected -1 or more, got -12.3" },
        { "results.0.fidelity.tokenProbabilityDelta.percentiles.10.value", 9.7, "$.results[0].fidelity.tokenProbabilityDelta.percentiles[10].value: expected 1 or less" },
        { "results.0.quality.method", "llama", "$.results[0].quality.method: expected one of \"text\", \"random-tokens\", \"llama.cpp\"" },
        { "plan.qualityMethod", "random-tokens", "$.plan.qualityMethod: expected one of text, llama.cpp, got \"random-tokens\"" },
    };

    [Theory]
    [MemberData(nameof(DamagedQualityStatistics))]
    public void ADamagedQualityStatisticIsRefusedNamingItsPath(string dottedPath, JsonNode value, string expected)
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.CompleteRun()))!;
        var names = dottedPath.Split('.');
        var parent = names[..^1].Aggregate(json, (node, name) => int.TryParse(name, out var index) ? node[index]! : node[name]!);
        parent[names[^1]] = value;

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.StartsWith(FileName, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
    }

    [Theory]
    [InlineData("klDivergenceDistributionNats", 3, 50.0, "$.results[0].fidelity.klDivergenceDistributionNats.percentiles[4].percent: expected percents in ascending order without repeats, above the one before (50), got 50")]
    [InlineData("tokenProbabilityDelta", 3, 1.0, "$.results[0].fidelity.tokenProbabilityDelta.percentiles[3].percent: expected percents in ascending order without repeats, above the one before (5), got 1")]
    public void A_percentile_repeated_or_out_of_order_is_refused_as_a_report_looks_each_up_by_its_percent(string distribution, int index, double percent, string expected)
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.CompleteRun()))!;
        json["results"]![0]!["fidelity"]![distribution]!["percentiles"]![index]!["percent"] = percent;

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_distribution_whose_minimum_is_above_its_maximum_is_refused()
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.CompleteRun()))!;
        json["results"]![0]!["fidelity"]!["klDivergenceDistributionNats"]!["minimum"] = 99.0;

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.Contains("$.results[0].fidelity.klDivergenceDistributionNats.minimum: expected at most the maximum (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKlDivergenceSlightlyBelowZeroIsReadAsRoundingDoesMakeIt()
    {
        // Near-identical distributions round to KL values just under 0; llama.cpp prints such minima too.
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.CompleteRun()))!;
        json["results"]![0]!["fidelity"]!["klDivergenceDistributionNats"]!["minimum"] = -3e-7;
        json["results"]![0]!["fidelity"]!["klDivergenceDistributionNats"]!["percentiles"]![0]!["value"] = -1e-7;

        var run = RunJson.Deserialize(json.ToJsonString(), FileName);

        Assert.Equal(-3e-7, run.Results[0].Fidelity!.KlDivergenceDistributionNats!.Minimum);
    }

    [Theory]
    [InlineData("results.0.quality.perplexityRatio", "1e400", "$.results[0].quality.perplexityRatio")]
    [InlineData("results.0.loadSeconds", "1e400", "$.results[0].loadSeconds")]
    [InlineData("results.0.loadSeconds", "-1e400", "$.results[0].loadSeconds")]
    public void ANumberPastADoublesRangeIsRefusedNotReadAsInfinity(string dottedPath, string number, string path)
    {
        // JsonNode cannot hold 1e400: a marker value is written, then replaced in the text.
        const string Marker = "123456.789";
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.CompleteRun()))!;
        var names = dottedPath.Split('.');
        var parent = names[..^1].Aggregate(json, (node, name) => int.TryParse(name, out var index) ? node[index]! : node[name]!);
        parent[names[^1]] = double.Parse(Marker, System.Globalization.CultureInfo.InvariantCulture);
        var text = json.ToJsonString();
        Assert.Single(text.Split(Marker)[1..]);

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(text.Replace(Marker, number, StringComparison.Ordinal), FileName));

        Assert.StartsWith(FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}: expected a number within a double's range (at most ±1.8e308), got the number {number}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyGivenTwiceIsRefusedSoItsLastValueCannotSlipPastTheChecks()
    {
        var json = RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow()));
        var twice = json.Replace("\"batchSize\": 1,", "\"batchSize\": 1, \"batchSize\": -5,", StringComparison.Ordinal);
        Assert.NotEqual(json, twice);

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(twice, FileName));

        Assert.StartsWith(FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("batchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFieldTheSchemaDoesNotKnowIsIgnoredAsAFileFromANewerInferBenchMayHaveIt()
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        json["results"]![0]!["addedLater"] = 1;
        json["addedLater"] = "x";

        var run = RunJson.Deserialize(json.ToJsonString(), FileName);

        Assert.Single(run.Results);
    }

    [Fact]
    public void AMissingRequiredValueIsNamedWithoutDotNetTypeNames()
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        json["plan"]!.AsObject().Remove("seed");

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.Contains("missing required fields: 'seed'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("InferBench.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void UnknownSchemaVersionIsRejectedNamingTheVersionsRead(int version)
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!;
        json["schemaVersion"] = version;

        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json.ToJsonString(), FileName));

        Assert.Equal($"{FileName}: schemaVersion {version} is not supported; this InferBench reads schemaVersion 1 to 3.", error.Message);
    }

    [Fact]
    public void ASavedVersion1RunJsonIsStillReadAndKeepsItsVersion()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", "run-schema-v1.json");
        var json = File.ReadAllText(path);

        var run = RunJson.Deserialize(json, path);

        Assert.Equal(3, RunResult.CurrentSchemaVersion);
        Assert.Equal(1, run.SchemaVersion);
        Assert.Empty(RunSchema.Errors(json));
        Assert.Equal(2, run.Results.Count);
        Assert.All(run.Results, row => Assert.Equal("estimated-cpu-tdp", row.Energy!.Source));
        Assert.Null(run.Results[0].Energy!.NetJoulesPerGeneratedToken); // read with version 2's meaning: EarlierSchemaVersions
    }

    [Theory]
    [InlineData("{\"runId\": \"x\"}", "has no schemaVersion")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("null", "expected a JSON object")]
    [InlineData("{\"schemaVersion\": \"1\"}", "schemaVersion \"1\" is not supported")]
    public void TextThatIsNotARunIsAnInputError(string json, string expected)
    {
        var error = Assert.Throws<InputException>(() => RunJson.Deserialize(json, FileName));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
