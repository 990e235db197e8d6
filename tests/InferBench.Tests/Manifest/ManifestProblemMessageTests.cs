using System.Text.Json.Nodes;
using InferBench.Tests.Support;

namespace InferBench.Tests.Manifest;

/// <summary>Each kind of manifest mistake is reported as "file: location: plain expectation", one line per problem.</summary>
public sealed class ManifestProblemMessageTests
{
    [Fact]
    public void WrongEnumValueListsTheAllowedValues()
    {
        var manifest = TestManifests.Valid("a", "b", "c");
        manifest["models"]![2]!["variants"]![0]!["precision"] = "int3";

        Assert.Equal(
            ["models.manifest.json: $.models[2].variants[0].precision: expected one of fp32, fp16, int8, int4, got \"int3\""],
            TestManifests.ProblemsIn(manifest));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/./b")]
    [InlineData("a\\b")]
    public void A_file_path_outside_the_variant_folder_is_refused_for_a_local_folder_too(string path)
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["source"] = new JsonObject { ["path"] = "models/tiny" };
        TestManifests.FirstVariant(manifest)["files"] = new JsonArray(new JsonObject { ["path"] = "genai_config.json" }, new JsonObject { ["path"] = path });

        Assert.Equal(
            [$"models.manifest.json: $.models[0].variants[0].files[1].path: expected a path inside the variant's folder: file path \"{path}\" must be relative, with '/' between names and no '.' or '..'"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void WrongEnumValueInsideAnArrayNamesTheItem()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["executionProviders"] = new JsonArray("cpu", "tpu");

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].executionProviders[1]: expected one of cpu, cuda, got \"tpu\""],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void UnknownFieldListsTheAllowedFields()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["quantization"] = "awq";

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0]: unknown field \"quantization\" (allowed: id, precision, executionProviders, source, files, notes)"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void UnknownFieldAtTheTopIsReportedOnTheRoot()
    {
        var manifest = TestManifests.Valid();
        manifest["model list"] = new JsonArray();

        Assert.Equal(
            ["models.manifest.json: $: unknown field \"model list\" (allowed: $schema, schemaVersion, models)"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void MissingRequiredFieldIsNamed()
    {
        var manifest = TestManifests.Valid();
        manifest["models"]![0]!.AsObject().Remove("description");

        Assert.Equal(
            ["models.manifest.json: $.models[0]: missing required field \"description\""],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void WrongTypeShowsTheValueFound()
    {
        var manifest = TestManifests.Valid();
        manifest["models"]![0]!["description"] = 12;

        Assert.Equal(
            ["models.manifest.json: $.models[0].description: expected a string, got 12"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void WrongTypeNamesContainersByKind()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["executionProviders"] = new JsonObject { ["cpu"] = true };

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].executionProviders: expected an array, got an object"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void FractionalSizeIsNotAnInteger()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["files"] = new JsonArray(new JsonObject { ["path"] = "past.onnx", ["sizeBytes"] = 1.5 });

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].files[0].sizeBytes: expected an integer, got 1.5"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void WrongTypeIsTheOnlyProblemReportedForThatValue()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["source"] = "models/tiny";

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].source: expected an object, got \"models/tiny\""],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void SizeBeyondWhatJsonCarriesExactlyIsRejected()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["files"] = new JsonArray(new JsonObject { ["path"] = "past.onnx", ["sizeBytes"] = 1e30 });

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].files[0].sizeBytes: expected 9007199254740991 or less, got 1E+30"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void WholeNumberWithADecimalPointIsExplained()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["files"] = new JsonArray(new JsonObject { ["path"] = "past.onnx", ["sizeBytes"] = 0 });
        var text = manifest.ToJsonString().Replace("\"sizeBytes\":0", "\"sizeBytes\":643.0");

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].files[0].sizeBytes: expected a whole number written without a decimal point or exponent (at most 64 bits)"],
            TestManifests.ProblemsIn(text));
    }

    [Fact]
    public void PatternAndLimitFailuresSayWhatWasExpected()
    {
        var manifest = TestManifests.Valid();
        manifest["models"]![0]!["id"] = "Tiny Model";
        var variant = TestManifests.FirstVariant(manifest);
        variant["executionProviders"] = new JsonArray();
        variant["files"] = new JsonArray(new JsonObject { ["path"] = "", ["sha256"] = "ABC", ["sizeBytes"] = -1 });

        Assert.Equal(
            [
                "models.manifest.json: $.models[0].variants[0].files[0].path: expected a non-empty string, got \"\"",
                "models.manifest.json: $.models[0].variants[0].files[0].sha256: expected a string matching ^[0-9a-f]{64}$, got \"ABC\"",
                "models.manifest.json: $.models[0].variants[0].files[0].sizeBytes: expected 0 or more, got -1",
                "models.manifest.json: $.models[0].variants[0].executionProviders: expected at least 1 item, got 0",
                "models.manifest.json: $.models[0].id: expected a string matching ^[a-z0-9][a-z0-9._-]*$, got \"Tiny Model\"",
            ],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void RepeatedExecutionProviderIsNamed()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["executionProviders"] = new JsonArray("cpu", "cuda", "cpu");

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].executionProviders: expected no repeated items, got \"cpu\" more than once"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void UnsupportedSchemaVersionIsReported()
    {
        var manifest = TestManifests.Valid();
        manifest["schemaVersion"] = 2;

        Assert.Equal(["models.manifest.json: $.schemaVersion: expected 1, got 2"], TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void SourceWithNeitherPathNorHuggingFaceGetsOneClearMessage()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["source"] = new JsonObject();

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].source: expected either \"path\", \"huggingface\", \"checkpoint\", \"synthetic\" or \"derived\""],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void AKeyGivenTwiceIsInvalidJsonNotItsLastValue()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["source"] = new JsonObject
        {
            ["synthetic"] = new JsonObject { ["preset"] = "tiny", ["layers"] = 2 },
        };
        var text = manifest.ToJsonString().Replace("\"layers\":2", "\"layers\":2,\"layers\":100000", StringComparison.Ordinal);
        using var folder = new TempFolder();
        var path = folder.Combine("models.manifest.json");
        File.WriteAllText(path, text);

        var error = Assert.Throws<InputException>(() => InferBench.Manifest.ManifestLoader.Load(path));

        Assert.StartsWith("models.manifest.json: invalid JSON: ", error.Message);
        Assert.Contains("Duplicate property 'layers'", error.Message);
    }

    [Fact]
    public void ASyntheticModelDeeperThanTheWriterAllowsIsRefusedWithItsJsonPath()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["source"] = new JsonObject
        {
            ["synthetic"] = new JsonObject { ["preset"] = "tiny", ["layers"] = 100_000 },
        };

        var problem = Assert.Single(TestManifests.ProblemsIn(manifest));

        Assert.StartsWith("models.manifest.json: $.models[0].variants[0].source.synthetic.layers: ", problem);
        Assert.Contains(global::InferBench.Synthetic.SyntheticModelInputs.MaxLayers.ToString(System.Globalization.CultureInfo.InvariantCulture), problem);
    }

    [Fact]
    public void SourceWithBothPathAndHuggingFaceGetsOneClearMessage()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["source"] = new JsonObject
        {
            ["path"] = "models/tiny",
            ["huggingface"] = new JsonObject { ["repo"] = "owner/name", ["revision"] = "main" },
        };

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[0].source: expected either \"path\", \"huggingface\", \"checkpoint\", \"synthetic\" or \"derived\", not more than one"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void ProblemsInsideAHuggingFaceSourceAreReportedWithoutOneOfNoise()
    {
        var manifest = TestManifests.Valid();
        TestManifests.FirstVariant(manifest)["source"] = new JsonObject
        {
            ["huggingface"] = new JsonObject { ["repo"] = "not-a-repo", ["branch"] = "main" },
        };

        Assert.Equal(
            [
                "models.manifest.json: $.models[0].variants[0].source.huggingface.repo: expected a string matching ^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$, got \"not-a-repo\"",
                "models.manifest.json: $.models[0].variants[0].source.huggingface: missing required field \"revision\"",
                "models.manifest.json: $.models[0].variants[0].source.huggingface: unknown field \"branch\" (allowed: repo, revision, folder)",
            ],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void ReportsEveryProblemMostSpecificFirst()
    {
        var manifest = TestManifests.Valid("a", "b");
        manifest.Remove("schemaVersion");
        var variant = TestManifests.FirstVariant(manifest);
        variant.Remove("precision");
        variant["precison"] = "fp32";
        manifest["models"]![1]!["variants"]![0]!["precision"] = "fp64";

        Assert.Equal(
            [
                "models.manifest.json: $.models[1].variants[0].precision: expected one of fp32, fp16, int8, int4, got \"fp64\"",
                "models.manifest.json: $.models[0].variants[0]: missing required field \"precision\"",
                "models.manifest.json: $.models[0].variants[0]: unknown field \"precison\" (allowed: id, precision, executionProviders, source, files, notes)",
                "models.manifest.json: $: missing required field \"schemaVersion\"",
            ],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void DuplicateModelAndVariantIdsAreReported()
    {
        var manifest = TestManifests.Valid("tiny", "other", "tiny");
        manifest["models"]![1]!["variants"]!.AsArray().Add(TestManifests.Variant("fp32-cpu"));

        Assert.Equal(
            [
                "models.manifest.json: $.models[1].variants[1].id: duplicate id \"fp32-cpu\" (also at $.models[1].variants[0].id)",
                "models.manifest.json: $.models[2].id: duplicate id \"tiny\" (also at $.models[0].id)",
            ],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void InvalidJsonGivesOneBasedLineAndColumn()
    {
        const string text = "{\n  \"schemaVersion\": 1,\n  \"models\": [,]\n}\n";

        Assert.Equal(
            ["models.manifest.json: invalid JSON at line 3, column 14: ',' is an invalid start of a value."],
            TestManifests.ProblemsIn(text));
    }

    [Fact]
    public void EmptyFileIsReportedAsEmpty()
    {
        Assert.Equal(["models.manifest.json: the file is empty"], TestManifests.ProblemsIn(" \n"));
    }

    [Fact]
    public void MissingFileIsReportedWithItsFullPath()
    {
        using var folder = new Support.TempFolder();
        var path = folder.Combine("nowhere.json");

        var exception = Assert.Throws<InputException>(() => InferBench.Manifest.ManifestLoader.Load(path));

        Assert.Equal($"nowhere.json: file not found at {path}", exception.Message);
    }
}
