using System.Text.Json;
using System.Text.Json.Nodes;
using InferBench.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed class RunSchemaTests
{
    public static TheoryData<string> Rows() => ["ok", "failed", "single repetition (NaN statistics)", "complete", "serving", "llama.cpp quality"];

    [Theory]
    [MemberData(nameof(Rows))]
    public void WrittenRunJsonValidatesAgainstTheSchema(string row)
    {
        var run = row switch
        {
            "ok" => ReportSamples.Run(ReportSamples.OkRow()),
            "failed" => ReportSamples.Run(ReportSamples.FailedRow()),
            "single repetition (NaN statistics)" => ReportSamples.Run(ReportSamples.SingleRepetitionRow()),
            "serving" => ServingSamples.Run(),
            "llama.cpp quality" => ReportSamples.LlamaCppQualityRun(),
            _ => ServingSamples.CompleteRun(),
        };

        var errors = RunSchema.Errors(RunJson.Serialize(run));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [InlineData("an unknown property", "unknownProperty")]
    [InlineData("a status the schema does not list", "status")]
    [InlineData("a missing required property", "runId")]
    public void SchemaRejectsJsonThatDoesNotMatchTheFormat(string damage, string property)
    {
        var json = JsonNode.Parse(RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())))!.AsObject();
        switch (damage)
        {
            case "an unknown property": json[property] = 1; break;
            case "a status the schema does not list": json["results"]![0]![property] = "done"; break;
            default: json.Remove(property); break;
        }

        Assert.NotEmpty(RunSchema.Errors(json.ToJsonString()));
    }

    [Fact]
    public void SchemaDocumentsEveryPropertyThatIsWrittenAndNoOther()
    {
        var written = new SortedSet<string>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(RunJson.Serialize(ServingSamples.CompleteRun())))
        {
            JsonSchemaProperties.Written(document.RootElement, written);
        }
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        JsonSchemaProperties.Documented(RunSchema.Document, documented, undocumented: []);

        Assert.Equal(written, documented);
    }

    [Fact]
    public void EverySchemaPropertyHasADescription()
    {
        var undocumented = new List<string>();
        JsonSchemaProperties.Documented(RunSchema.Document, new HashSet<string>(), undocumented);

        Assert.Empty(undocumented);
    }
}
