using System.Text.Json;
using InferBench.Forecast;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Forecast;

public sealed class ProfileJsonTests
{
    private static readonly ModelFacts Facts = new(Parameters: 55_000_000, MatMulParameters: 38_000_000, WeightBytesPerDecodeStep: 152_000_000,
        KvCacheBytesPerToken: 8192, Layers: 8, AttentionHeads: 8, HeadSize: 64);

    private static readonly ProfileHost Host = new(HostPeaks.CpuKind, "Test CPU", null, 2, 25e9,
        new Dictionary<string, double> { ["int4"] = 120e9, ["fp32"] = 120e9 }, "test peaks");

    internal static EstimatorProfile Sample()
    {
        var row = ReportSamples.OkRow();
        var run = ReportSamples.Run(row, row with { BatchSize = 4, PromptTokens = 512 });
        return ProfileBuilder.Build(run, Host, _ => Facts, DateTimeOffset.Parse("2026-12-03T01:02:03Z"));
    }

    [Fact]
    public void A_built_profile_validates_against_its_schema_and_reads_back()
    {
        var profile = Sample();
        var json = ProfileJson.Serialize(profile);
        using var document = JsonDocument.Parse(json);

        Assert.Empty(ProfileJson.Problems(document.RootElement));
        using var temp = new TempFolder();
        var path = temp.Combine("profile.json");
        File.WriteAllText(path, json);
        var read = ProfileJson.Read(path);
        Assert.Equal(ProfileJson.Serialize(read), json);
        var variant = Assert.Single(read.Variants);
        Assert.Equal(4, variant.Points.Count);
        Assert.All(variant.Points, point => Assert.Equal(point.BytesPerStep / point.MeasuredStepSeconds, point.AchievedBandwidthBytesPerSecond, 6));
    }

    [Fact]
    public void A_profile_of_two_variants_has_a_joint_decode_fit_that_validates_and_reads_back()
    {
        var row = ReportSamples.OkRow();
        var int4 = row with { Variant = "int4" };
        var fp16 = row with { Variant = "fp16", Precision = "fp16" }; // widened to fp32 on a CPU: its steps do not read its files' bytes
        var run = ReportSamples.Run(row, row with { BatchSize = 4 }, int4, int4 with { BatchSize = 4 }, fp16, fp16 with { BatchSize = 4 });
        var host = Host with { PeakFlopsPerSecondByPrecision = new Dictionary<string, double>(Host.PeakFlopsPerSecondByPrecision) { ["fp16"] = 120e9 } };
        var profile = ProfileBuilder.Build(run, host, _ => Facts, DateTimeOffset.Parse("2026-12-03T01:02:03Z"));
        var json = ProfileJson.Serialize(profile);
        using var document = JsonDocument.Parse(json);

        Assert.Empty(ProfileJson.Problems(document.RootElement));
        Assert.Equal(3, profile.Variants.Count);
        Assert.Equal(4, profile.DecodeFit!.PointsUsed);
        Assert.Equal([$"{row.Model}/{row.Variant}", $"{row.Model}/int4"], profile.DecodeFit.ComputeEfficiencyByVariant.Keys.Order());
        using var temp = new TempFolder();
        var path = temp.Combine("profile.json");
        File.WriteAllText(path, json);
        Assert.Equal(json, ProfileJson.Serialize(ProfileJson.Read(path)));
    }

    [Fact]
    public void A_decode_point_is_the_row_median_as_one_step()
    {
        var decode = Sample().Variants[0].Points.First(point => point.Phase == StepObservation.Decode && point.BatchSize == 1);

        Assert.Equal(1 / 45.52, decode.MeasuredStepSeconds, 9);
        Assert.Equal(128 + 32, decode.ContextTokens);
        Assert.Equal(Facts.DecodeStepBytes(1, 160), decode.BytesPerStep);
    }

    [Fact]
    public void An_unidentified_parameter_has_no_value_and_the_schema_refuses_one_that_has()
    {
        var json = ProfileJson.Serialize(Sample());
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var parameter = node["variants"]![0]!["fit"]!["fixedSecondsPerLayer"]!.AsObject();
        parameter["identified"] = false;
        parameter["value"] = 0.001;

        using var document = JsonDocument.Parse(node.ToJsonString());
        var problems = ProfileJson.Problems(document.RootElement);

        Assert.Contains(problems, problem => problem.Contains("$.variants[0].fit.fixedSecondsPerLayer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_profile_of_another_version_is_bad_input_naming_the_file_and_path()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("profile.json");
        File.WriteAllText(path, ProfileJson.Serialize(Sample()).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 9", StringComparison.Ordinal));

        var exception = Assert.Throws<InputException>(() => ProfileJson.Read(path));

        Assert.Contains(path, exception.Message);
        Assert.Contains("$.schemaVersion", exception.Message);
    }
    [Fact]
    public void An_identified_parameter_without_its_value_is_exit_2_naming_the_missing_field()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("profile.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(ProfileJson.Serialize(Sample()))!;
        node["variants"]![0]!["fit"]!["computeEfficiency"] = System.Text.Json.Nodes.JsonNode.Parse("{ \"identified\": true }");
        File.WriteAllText(file, node.ToJsonString());

        var run = CliRun.Invoke("forecast", "--profile", file, "--json");

        Assert.Equal(InferBench.Cli.ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: {file}: $.variants[0].fit.computeEfficiency: missing required field \"value\"", run.Error.Trim());
    }

    /// <summary>Values the schema once let through that either would not deserialize (exit 3) or forecast Infinity, which --json cannot write (exit 3).</summary>
    [Theory]
    [InlineData("createdUtc", "\"yesterday\"", "$.createdUtc")]
    [InlineData("variants.0.facts.layers", "8.0", "$.variants[0].facts.layers")]
    [InlineData("variants.0.facts.parameters", "1e300", "$.variants[0].facts.parameters")]
    [InlineData("variants.0.facts.weightBytesPerDecodeStep", "0", "$.variants[0].facts.weightBytesPerDecodeStep")]
    [InlineData("variants.0.facts.matMulFlopsPerToken", "1e308", "$.variants[0].facts.matMulFlopsPerToken")]
    [InlineData("host.memoryBandwidthBytesPerSecond", "1e308", "$.host.memoryBandwidthBytesPerSecond")]
    [InlineData("host.memoryBandwidthBytesPerSecond", "5e-324", "$.host.memoryBandwidthBytesPerSecond")]
    [InlineData("host.peakFlopsPerSecondByPrecision.fp32", "1e300", "$.host.peakFlopsPerSecondByPrecision.fp32")]
    [InlineData("variants.0.fit.computeEfficiency", "{ \"identified\": true, \"value\": 0 }", "$.variants[0].fit.computeEfficiency.value")]
    [InlineData("variants.0.fit.memoryEfficiency", "{ \"identified\": true, \"value\": -1 }", "$.variants[0].fit.memoryEfficiency.value")]
    [InlineData("variants.0.fit.fixedSecondsPerLayer", "{ \"identified\": true, \"value\": 1e308 }", "$.variants[0].fit.fixedSecondsPerLayer.value")]
    public void A_profile_with_a_value_out_of_range_or_of_the_wrong_form_is_exit_2_naming_the_file_and_field(string field, string value, string path)
    {
        using var temp = new TempFolder();
        var file = temp.Combine("profile.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(ProfileJson.Serialize(Sample()))!;
        var names = field.Split('.');
        var parent = names[..^1].Aggregate(node, (at, name) => int.TryParse(name, out var index) ? at[index]! : at[name]!);
        parent[names[^1]] = System.Text.Json.Nodes.JsonNode.Parse(value);
        File.WriteAllText(file, node.ToJsonString());

        var run = CliRun.Invoke("forecast", "--profile", file, "--json");

        Assert.Equal(InferBench.Cli.ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: {file}: {path}: expected ", run.Error);
        run.AssertNoStackTrace();
    }
}
