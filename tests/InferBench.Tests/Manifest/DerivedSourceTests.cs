using System.Text.Json;
using System.Text.Json.Nodes;
using InferBench.Manifest;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Manifest;

/// <summary>Derived variants: read with their defaults, and each way of naming a source that cannot be used is reported where it is.</summary>
public sealed class DerivedSourceTests
{
    /// <summary>Model "tiny" with fp32-cpu (a path) and, at variants[1], <paramref name="id"/> derived as <paramref name="derived"/>.</summary>
    private static JsonObject WithDerived(JsonObject derived, string precision = "int8", string id = "int8-cpu")
    {
        var manifest = TestManifests.Valid();
        var variant = TestManifests.Variant(id);
        variant["precision"] = precision;
        variant["source"] = new JsonObject { ["derived"] = derived };
        manifest["models"]![0]!["variants"]!.AsArray().Add(variant);
        return manifest;
    }

    [Fact]
    public void A_derived_variant_loads_with_the_settings_given_and_defaults_for_the_rest()
    {
        using var folder = new TempFolder();
        var path = TestManifests.Write(folder, WithDerived(new JsonObject { ["from"] = "fp32-cpu", ["blockSize"] = 64, ["symmetric"] = false }).ToJsonString());

        var variant = ManifestLoader.Load(path).Models[0].Variants[1];

        var derived = Assert.IsType<DerivedModelSource>(variant.Source);
        Assert.Equal(new DerivedModelSource("fp32-cpu", BlockSize: 64, Symmetric: false), derived);
        var options = derived.Options(Precision.Int8, ExecutionProvider.Cpu);
        Assert.Equal((64, false, 4, true), (options.BlockSizeElements, options.Symmetric, options.AccuracyLevelFor(ExecutionProvider.Cpu), options.QuantizeLmHead));
        Assert.Equal("from fp32-cpu, int8 block 64 asymmetric", derived.Describe(Precision.Int8));
    }

    [Fact]
    public void The_source_shape_round_trips_through_json()
    {
        ModelSource source = new DerivedModelSource("cuda-fp16", AccuracyLevel: 0, QuantizeLmHead: false);

        var json = JsonSerializer.Serialize(source);

        Assert.Equal("""{"derived":{"from":"cuda-fp16","accuracyLevel":0,"quantizeLmHead":false}}""", json);
        Assert.Equal(source, JsonSerializer.Deserialize<ModelSource>(json));
    }

    [Fact]
    public void A_from_that_names_no_variant_of_the_model_lists_the_ones_there_are()
    {
        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[1].source.derived.from: expected the id of another variant of tiny (\"fp32-cpu\"), got \"fp16-cuda\""],
            TestManifests.ProblemsIn(WithDerived(new JsonObject { ["from"] = "fp16-cuda" })));
    }

    [Fact]
    public void A_variant_derived_from_itself_is_refused()
    {
        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[1].source.derived.from: a variant cannot be derived from itself (\"int8-cpu\"); expected the id of another variant of tiny"],
            TestManifests.ProblemsIn(WithDerived(new JsonObject { ["from"] = "int8-cpu" })));
    }

    [Fact]
    public void Chains_and_cycles_are_refused_at_each_link()
    {
        var manifest = WithDerived(new JsonObject { ["from"] = "int4-cpu" });
        var second = TestManifests.Variant("int4-cpu");
        second["precision"] = "int4";
        second["source"] = new JsonObject { ["derived"] = new JsonObject { ["from"] = "int8-cpu" } };
        manifest["models"]![0]!["variants"]!.AsArray().Add(second);

        Assert.Equal(
            [
                "models.manifest.json: $.models[0].variants[1].source.derived.from: \"int4-cpu\" is itself derived (from \"int8-cpu\"): derive from a variant with files of its own (path, huggingface, checkpoint or synthetic); chains and cycles are not allowed",
                "models.manifest.json: $.models[0].variants[2].source.derived.from: \"int8-cpu\" is itself derived (from \"int4-cpu\"): derive from a variant with files of its own (path, huggingface, checkpoint or synthetic); chains and cycles are not allowed",
            ],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void Quantized_weights_cannot_be_made_finer()
    {
        var manifest = WithDerived(new JsonObject { ["from"] = "fp32-cpu" });
        TestManifests.FirstVariant(manifest)["precision"] = "int4";

        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[1].source.derived.from: expected an fp32 or fp16 variant to derive from, got \"fp32-cpu\", which is int4 (quantized weights cannot be made finer)"],
            TestManifests.ProblemsIn(manifest));
    }

    [Fact]
    public void A_derived_variant_is_int8_int4_or_fp16_and_fp16_takes_no_integer_settings()
    {
        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[1].precision: expected int8, int4 or fp16 for a derived variant, got \"fp32\" (InferBench's quantizer makes no fp32 model)",
             "models.manifest.json: $.models[0].variants[1].source.derived.from: \"fp32-cpu\" is fp32 already; expected a variant of a higher precision to derive fp32 from"],
            TestManifests.ProblemsIn(WithDerived(new JsonObject { ["from"] = "fp32-cpu" }, precision: "fp32")).Order());
        Assert.Equal(
            ["models.manifest.json: $.models[0].variants[1].source.derived.blockSize: applies to int4 and int8 variants only; this variant is fp16"],
            TestManifests.ProblemsIn(WithDerived(new JsonObject { ["from"] = "fp32-cpu", ["blockSize"] = 32 }, precision: "fp16")));
    }

    [Theory]
    [InlineData("blockSize", 48, "expected one of 16, 32, 64, 128, 256, got 48")]
    [InlineData("accuracyLevel", 5, "expected 4 or less, got 5")]
    [InlineData("symmetric", "yes", "expected a boolean, got \"yes\"")]
    public void Bad_settings_are_named_with_what_was_expected(string field, object value, string expected)
    {
        var derived = new JsonObject { ["from"] = "fp32-cpu", [field] = JsonValue.Create(value) };

        Assert.Equal(
            [$"models.manifest.json: $.models[0].variants[1].source.derived.{field}: {expected}"],
            TestManifests.ProblemsIn(WithDerived(derived)));
    }
}
