using InferBench.Runner;
using InferBench.Tests.Support;

namespace InferBench.Tests.Runner;

/// <summary>The library's target selection names its own fields in errors, never a command-line option.</summary>
public sealed class TargetSelectionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest()
    {
        var manifest = _temp.Combine("models.manifest.json");
        File.WriteAllText(manifest, """
            { "schemaVersion": 1, "models": [ { "id": "m", "description": "d", "variants": [
              { "id": "v", "precision": "fp32", "executionProviders": ["cpu"], "source": { "path": "absent" } } ] } ] }
            """);
        return manifest;
    }

    [Fact]
    public void An_unknown_model_or_variant_names_the_selection_field()
    {
        var model = Assert.Throws<InputFieldException>(() => TargetSelection.FromManifest(Manifest(), ["llama"], []));
        var variant = Assert.Throws<InputFieldException>(() => TargetSelection.FromManifest(Manifest(), [], ["int4"]));

        Assert.Equal([TargetSelection.ModelsField], model.Fields);
        Assert.Equal("no \"llama\" in models.manifest.json (known: m)", model.Problem);
        Assert.Equal([TargetSelection.VariantsField], variant.Fields);
    }

    [Fact]
    public void A_missing_model_folder_names_the_selection_field()
    {
        var error = Assert.Throws<InputFieldException>(() => TargetSelection.FromFolder(_temp.Combine("nowhere")));

        Assert.Equal([TargetSelection.ModelFolderField], error.Fields);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_filter_absent_variants_are_left_out_and_said_so()
    {
        var selected = TargetSelection.ForRun(Manifest(), [], []);
        var named = TargetSelection.ForRun(Manifest(), ["m"], []);

        Assert.Empty(selected.Targets);
        Assert.Equal(["m/v"], selected.NotSwept.Select(t => $"{t.Model}/{t.Variant}"));
        Assert.Single(named.Targets);
        Assert.Empty(named.NotSwept);
    }
}
