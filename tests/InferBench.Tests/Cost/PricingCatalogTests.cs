using InferBench.Cost.Catalog;
using InferBench.Cost.Units;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cost;

public sealed class PricingCatalogTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static PricingCatalog Embedded => PricingCatalogLoader.Embedded;

    private static GpuInstanceEntry GpuInstance(string id) => PricingCatalog.Find(Embedded.GpuInstances, id, "--gpu");

    private static IEnumerable<CatalogEntry> AllEntries(PricingCatalog catalog) =>
        [.. catalog.GpuInstances, .. catalog.Apis, .. catalog.Gpus, .. catalog.Electricity, .. catalog.Pue, .. catalog.GridCarbon, .. catalog.PublishedThroughput];

    [Fact]
    public void The_embedded_catalog_covers_the_gpus_and_apis_the_cost_model_is_asked_about()
    {
        Assert.Superset(
            new HashSet<string> { "aws-p4d.24xlarge", "aws-g5.xlarge", "aws-g6.xlarge", "runpod-serverless-flex-l40s", "vast-rtx4090-low", "gcp-a3-highgpu-1g-spot" },
            Embedded.GpuInstances.Select(entry => entry.Id).ToHashSet());
        Assert.Superset(new HashSet<string> { "gpt-4-8k-2023-03", "gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "llama-3.1-8b-hosted-low" },
            Embedded.Apis.Select(entry => entry.Id).ToHashSet());
        Assert.Superset(new HashSet<string> { "v100-sxm2", "a100-sxm4", "h100-sxm5", "l40s", "l4", "rtx-4090" },
            Embedded.Gpus.Select(entry => entry.Id).ToHashSet());
        Assert.Contains(Embedded.GpuInstances, entry => entry.Pricing == InstancePricing.Spot);
    }

    [Fact]
    public void Every_embedded_entry_has_a_source_and_a_date_and_ids_are_unique_per_section()
    {
        Assert.All(AllEntries(Embedded), entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Source), entry.Id);
            Assert.Matches("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$", entry.AsOf);
            Assert.Contains(entry.Provenance, new[] { Provenance.Verified, Provenance.Recalled });
        });
        foreach (var section in new IEnumerable<CatalogEntry>[] { Embedded.GpuInstances, Embedded.Apis, Embedded.Gpus, Embedded.Electricity, Embedded.Pue, Embedded.GridCarbon })
            Assert.Equal(section.Count(), section.Select(entry => entry.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("aws-p4d.24xlarge")]
    [InlineData("aws-p5.48xlarge")]
    [InlineData("aws-g6.xlarge")]
    [InlineData("gpu-cloud-h100-low")]
    [InlineData("gpu-cloud-a100-80gb-high")]
    public void Prices_the_reference_figures_mark_recalled_are_labelled_recalled(string id) =>
        Assert.Equal(Provenance.Recalled, PricingCatalog.Find(Embedded.GpuInstances, id, "--gpu").Provenance);

    [Fact]
    public void The_one_h100_cloud_range_spans_runpod_and_lambda_as_their_pages_read_in_autumn_2026()
    {
        var (low, high) = (GpuInstance("gpu-cloud-h100-low"), GpuInstance("gpu-cloud-h100-high"));

        // RunPod Community $2.69/h and Lambda 1x H100 SXM $4.29/h on 2026-09-25; the catalog had a recalled $2.5-3.0.
        Assert.Equal((new UsdPerHour(2.69), "2026-09-25"), (low.Price, low.AsOf));
        Assert.Equal((new UsdPerHour(4.29), "2026-09-25"), (high.Price, high.AsOf));
        Assert.Contains("lambda.ai/pricing", high.Source, StringComparison.Ordinal);
        Assert.Contains("runpod.io/pricing", low.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_one_a100_80gb_cloud_range_is_runpods_as_read_in_autumn_2026()
    {
        Assert.Equal((new UsdPerHour(1.19), "2026-09-25"), (GpuInstance("gpu-cloud-a100-80gb-low").Price, GpuInstance("gpu-cloud-a100-80gb-low").AsOf));
        Assert.Equal((new UsdPerHour(1.79), "2026-11-09"), (GpuInstance("gpu-cloud-a100-80gb-high").Price, GpuInstance("gpu-cloud-a100-80gb-high").AsOf));
    }

    [Theory]
    [InlineData("aws-p4d.24xlarge", 21.957642)] // $32.77 before AWS's June 2025 cut
    [InlineData("aws-p5.48xlarge", 55.04)]
    public void Aws_8_gpu_instances_carry_their_price_after_the_2025_cuts_with_its_date(string id, double usdPerHour)
    {
        var entry = GpuInstance(id);

        Assert.Equal((new UsdPerHour(usdPerHour), "2026-11-09", Provenance.Recalled), (entry.Price, entry.AsOf, entry.Provenance));
        Assert.Contains("us-east-1", entry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_read_on_a_first_party_page_are_verified()
    {
        Assert.Equal(Provenance.Verified, PricingCatalog.Find(Embedded.Apis, "claude-sonnet-4", "--api").Provenance);
        Assert.Equal(Provenance.Verified, PricingCatalog.Find(Embedded.Apis, "claude-3.5-haiku", "--api").Provenance);
        Assert.Equal(Provenance.Verified, Embedded.Pue.Single(entry => entry.Id == "industry-average-2023").Provenance);
    }

    [Fact]
    public void Every_recalled_entry_says_in_its_note_what_was_checked_or_why_it_could_not_be()
    {
        Assert.All(AllEntries(Embedded).Where(entry => entry.Provenance == Provenance.Recalled),
            entry => Assert.False(string.IsNullOrWhiteSpace(entry.Note), entry.Id));
    }

    [Fact]
    public void The_defaults_name_entries_and_become_the_energy_assumptions()
    {
        var energy = Embedded.DefaultEnergy;

        Assert.Equal(new UsdPerKilowattHour(0.127), energy.Electricity.Value);
        Assert.Equal(Provenance.Recalled, energy.Electricity.Citation.Provenance);
        Assert.Equal(1.56, energy.Pue.Value);
        Assert.Equal((new GramsCo2PerKilowattHour(367), "2023"), (energy.GridCarbon.Value, energy.GridCarbon.Citation.AsOf));
    }

    [Fact]
    public void An_override_file_replaces_entries_by_id_adds_new_ones_and_moves_defaults()
    {
        var path = Write("""
            {
              "schemaVersion": 1,
              "gpuInstances": [
                { "id": "aws-p4d.24xlarge", "description": "p4d with our discount", "pricing": "reserved", "usdPerHour": 20,
                  "source": "our AWS contract", "asOf": "2026-05", "provenance": "verified" },
                { "id": "lab-4090", "description": "the lab's RTX 4090 box", "pricing": "on-demand", "usdPerHour": 0.3,
                  "source": "internal chargeback rate", "asOf": "2026", "provenance": "verified" }
              ],
              "electricity": [
                { "id": "our-tariff", "description": "our tariff", "usdPerKwh": 0.21, "source": "June bill", "asOf": "2026-06", "provenance": "verified" }
              ],
              "defaults": { "electricity": "our-tariff" }
            }
            """);

        var catalog = PricingCatalogLoader.Load(path);

        var p4d = PricingCatalog.Find(catalog.GpuInstances, "aws-p4d.24xlarge", "--gpu");
        Assert.Equal((new UsdPerHour(20), InstancePricing.Reserved, "our AWS contract"), (p4d.Price, p4d.Pricing, p4d.Source));
        Assert.Equal(new UsdPerHour(0.3), PricingCatalog.Find(catalog.GpuInstances, "lab-4090", "--gpu").Price);
        Assert.Equal(Embedded.GpuInstances.Count + 1, catalog.GpuInstances.Count);
        Assert.Equal(new UsdPerKilowattHour(0.21), catalog.DefaultEnergy.Electricity.Value);
        Assert.Equal(Embedded.DefaultEnergy.Pue, catalog.DefaultEnergy.Pue);
    }

    [Fact]
    public void An_override_default_may_name_an_entry_of_the_embedded_catalog()
    {
        var catalog = PricingCatalogLoader.Load(Write("""{ "schemaVersion": 1, "defaults": { "pue": "hyperscaler" } }"""));

        Assert.Equal(1.1, catalog.DefaultEnergy.Pue.Value);
    }

    [Theory]
    [InlineData(
        """{ "id": "x", "description": "d", "pricing": "spot", "usdPerHour": 1, "asOf": "2026", "provenance": "recalled" }""",
        "my-prices.json: $.gpuInstances[0]: missing required field \"source\"")]
    [InlineData(
        """{ "id": "x", "description": "d", "pricing": "spot", "usdPerHour": -1, "source": "s", "asOf": "2026", "provenance": "recalled" }""",
        "my-prices.json: $.gpuInstances[0].usdPerHour: expected 0 or more, got -1")]
    [InlineData(
        """{ "id": "x", "description": "d", "pricing": "spot", "usdPerHour": 1, "prize": 2, "source": "s", "asOf": "2026", "provenance": "recalled" }""",
        "my-prices.json: $.gpuInstances[0]: unknown field \"prize\" (allowed: id, description, pricing, usdPerHour, gpu, source, asOf, provenance, note)")]
    [InlineData(
        """{ "id": "x", "description": "d", "pricing": "spot", "usdPerHour": 1, "source": "s", "asOf": "last year", "provenance": "recalled" }""",
        "my-prices.json: $.gpuInstances[0].asOf: expected a string matching ^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$, got \"last year\"")]
    [InlineData(
        """{ "id": "x", "description": "d", "pricing": "spot", "usdPerHour": 1, "source": "s", "asOf": "2026", "provenance": "sure" }""",
        "my-prices.json: $.gpuInstances[0].provenance: expected one of verified, recalled, got \"sure\"")]
    [InlineData(
        """{ "id": "x", "description": "d", "pricing": "hourly", "usdPerHour": 1, "source": "s", "asOf": "2026", "provenance": "recalled" }""",
        "my-prices.json: $.gpuInstances[0].pricing: expected one of on-demand, spot, serverless, marketplace, reserved, got \"hourly\"")]
    public void A_bad_override_entry_names_the_file_the_json_path_and_the_expectation(string entry, string expected)
    {
        var path = Write($$"""{ "schemaVersion": 1, "gpuInstances": [ {{entry}} ] }""");

        var exception = Assert.Throws<InputException>(() => PricingCatalogLoader.Load(path));

        Assert.Equal([expected.Replace("my-prices.json", path)], exception.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void Every_problem_in_an_override_file_is_reported_one_a_line()
    {
        var path = Write("""
            { "schemaVersion": 1,
              "apis": [
                { "id": "a", "description": "d", "usdPer1MInputTokens": -0.5, "usdPer1MOutputTokens": 1, "source": "s", "asOf": "2026", "provenance": "recalled" },
                { "id": "a", "description": "d", "usdPer1MInputTokens": 1, "usdPer1MOutputTokens": 1, "source": "s", "asOf": "2026", "provenance": "recalled" }
              ],
              "gpus": [ { "id": "g", "description": "d", "peakDenseTflops": 0, "source": "s", "asOf": "2026", "provenance": "recalled" } ],
              "pue": [ { "id": "p", "description": "d", "pue": 0.9, "source": "s", "asOf": "2026", "provenance": "recalled" } ],
              "defaults": { "gridCarbon": "mars" } }
            """);

        var exception = Assert.Throws<InputException>(() => PricingCatalogLoader.Load(path));

        Assert.Equal(
            [
                "my-prices.json: $.apis[0].usdPer1MInputTokens: expected 0 or more, got -0.5",
                "my-prices.json: $.gpus[0].peakDenseTflops: expected more than 0, got 0",
                "my-prices.json: $.pue[0].pue: expected 1 or more, got 0.9",
                "my-prices.json: $.apis[1].id: duplicate id \"a\" (also at $.apis[0].id)",
                "my-prices.json: $.defaults.gridCarbon: expected the id of an entry in \"gridCarbon\" (known: us-2023), got \"mars\"",
            ],
            exception.Message.Replace(path, "my-prices.json").Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 2 }""", "my-prices.json: $.schemaVersion: expected 1, got 2")]
    [InlineData("""{ "gpuInstances": [] }""", "my-prices.json: $: missing required field \"schemaVersion\"")]
    [InlineData("""{ "schemaVersion": 1, "gpuInstances": [ }""", "my-prices.json: invalid JSON at line 1, column 41: ")]
    public void A_file_that_is_not_a_version_1_catalog_is_reported(string text, string expected)
    {
        var path = Write(text);

        var exception = Assert.Throws<InputException>(() => PricingCatalogLoader.Load(path));

        Assert.StartsWith(expected, exception.Message.Replace(path, "my-prices.json"));
    }

    [Fact]
    public void A_whole_number_written_with_a_decimal_point_is_named_by_its_json_path()
    {
        var path = Write("""
            { "schemaVersion": 1, "gpuInstances": [ { "id": "x", "description": "d", "pricing": "spot", "usdPerHour": 1,
              "gpu": { "id": "l4", "count": 2.0 }, "source": "s", "asOf": "2026", "provenance": "recalled" } ] }
            """);

        var exception = Assert.Throws<InputException>(() => PricingCatalogLoader.Load(path));

        Assert.Equal($"{path}: $.gpuInstances[0].gpu.count: expected a whole number written without a decimal point or exponent (at most 64 bits)", exception.Message);
    }

    [Fact]
    public void A_folder_given_for_the_override_file_is_called_a_folder_not_missing()
    {
        var exception = Assert.Throws<InputException>(() => PricingCatalogLoader.Load(_temp.Path));

        Assert.Equal($"{_temp.Path}: a folder; expected a file", exception.Message);
    }

    [Fact]
    public void A_missing_override_file_names_its_path()
    {
        var path = _temp.Combine("nowhere.json");

        var exception = Assert.Throws<InputException>(() => PricingCatalogLoader.Load(path));

        Assert.Equal($"{path}: file not found", exception.Message);
    }

    [Fact]
    public void An_unknown_id_lists_the_known_ones()
    {
        var exception = Assert.Throws<InputFieldException>(() => PricingCatalog.Find(Embedded.Gpus, "tpu-v5", "--gpu"));

        Assert.StartsWith("--gpu: no \"tpu-v5\" in the pricing catalog (known: v100-sxm2, a100-sxm4, h100-sxm5,", exception.Message);
    }

    private string Write(string text)
    {
        var path = _temp.Combine("my-prices.json");
        File.WriteAllText(path, text);
        return path;
    }
}
