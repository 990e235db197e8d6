using System.Text.Json;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Tests.Support;

namespace InferBench.Tests.Results;

/// <summary>One execution-provider type: the plan's request, a variant's providers and a target's provider, written as today's JSON names.</summary>
public sealed class ExecutionProviderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_provider_is_written_and_read_by_its_json_name()
    {
        Assert.Equal(["auto", "cpu", "cuda"], JsonEnumName.All<ExecutionProvider>());
        Assert.All(Enum.GetValues<ExecutionProvider>(), provider =>
        {
            Assert.Equal($"\"{JsonEnumName.Of(provider)}\"", JsonSerializer.Serialize(provider));
            Assert.Equal(provider, JsonEnumName.Find<ExecutionProvider>(JsonEnumName.Of(provider)));
        });
        Assert.Null(JsonEnumName.Find<ExecutionProvider>("Cpu"));
    }

    [Fact]
    public void The_plans_request_keeps_its_run_json_spelling()
    {
        var plan = new RunPlanRecord([8], [4], [1], 0, 1, null, 42, ExecutionProvider.Auto, null);

        var json = JsonSerializer.Serialize(plan);

        Assert.Contains("\"ExecutionProvider\":\"auto\"", json, StringComparison.Ordinal);
        Assert.Equal(ExecutionProvider.Cuda, JsonSerializer.Deserialize<RunPlanRecord>(json.Replace("\"auto\"", "\"cuda\""))!.ExecutionProvider);
    }

    [Fact]
    public void A_manifest_variant_s_providers_are_the_same_type_and_auto_is_not_one_of_them()
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "v", "precision": "int4", "executionProviders": ["cuda", "cpu"], "source": { "path": "x" } } ] } ] }
            """);
        var target = Assert.Single(TargetSelection.FromManifest(manifest, [], []));
        Assert.Equal([ExecutionProvider.Cuda, ExecutionProvider.Cpu], target.ExecutionProviders);
        Assert.Equal("int4", target.Precision);

        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("[\"cuda\", \"cpu\"]", "[\"auto\"]"));
        var error = Assert.Throws<InputException>(() => TargetSelection.FromManifest(manifest, [], []));
        Assert.Contains("executionProviders[0]: expected one of cpu, cuda, got \"auto\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_configured_for_a_provider_inferbench_does_not_run_resolves_to_none()
    {
        Assert.Equal(ExecutionProvider.Cpu, ExecutionProviderChoice.FromConfiguration(null));
        Assert.Equal(ExecutionProvider.Cuda, ExecutionProviderChoice.FromConfiguration("cuda"));
        Assert.Null(ExecutionProviderChoice.FromConfiguration("dml"));
    }
}
