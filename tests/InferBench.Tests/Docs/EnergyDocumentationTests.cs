using System.Globalization;
using System.Text.RegularExpressions;
using InferBench.Tests.Support;

namespace InferBench.Tests.Docs;

/// <summary>The documents that describe energy and its pricing say what the code does.</summary>
public sealed partial class EnergyDocumentationTests
{
    /// <summary>Watts per busy hardware thread for a chip the TDP table lacks: the EPYC 9454's 290 W / 96 threads.</summary>
    private const double WattsPerThread = 290.0 / 96;

    /// <summary>What docs/methods.md's figures were measured with: CodeCarbon's 85 W / this machine's 2 visible cores.</summary>
    private const double EarlierWattsPerCore = 85.0 / 2;

    private static string Text(params string[] path) => Whitespace().Replace(File.ReadAllText(RepoRoot.Combine(path)), " ");

    [Fact]
    public void The_methods_charge_the_estimate_per_hardware_thread_and_give_estimates_no_net_of_idle()
    {
        var readme = Text("docs", "methods.md");

        Assert.DoesNotContain("CPU time / logical cores", readme);
        Assert.DoesNotContain("85 W, CodeCarbon's default", readme);
        Assert.Contains("is charged **3.02 W per busy thread**, the median TDP per hardware thread of the table's 11 server chips", readme);
        Assert.Contains("estimates have **no net-of-idle J/token** (left empty)", readme);
        Assert.Contains("A `--ep cuda` run measures only its own GPU", readme);
        Assert.Contains("it never falls back to the CPU's energy", readme);
    }

    [Fact]
    public void The_methods_estimated_j_per_token_figures_are_the_earlier_ones_rescaled_to_the_per_thread_rule()
    {
        var readme = File.ReadAllLines(RepoRoot.Combine("docs", "methods.md"));
        var earlier = new Dictionary<string, double> { ["fp32"] = 0.35, ["int8"] = 0.16, ["int4"] = 0.14, ["fp16 (through casts on CPU)"] = 0.45 };
        var header = Array.FindIndex(readme, l => l.StartsWith("| variant | files |", StringComparison.Ordinal));
        var columns = Cells(readme[header]);
        var column = Array.IndexOf(columns, "est. J/token, batch 1");

        foreach (var (variant, joules) in earlier)
        {
            var row = Cells(readme.Skip(header + 2).First(l => Cells(l)[0] == variant));
            var expected = joules * WattsPerThread / EarlierWattsPerCore;
            Assert.Equal(expected, double.Parse(row[column], CultureInfo.InvariantCulture), 0.0006);
        }
        Assert.Contains("rescaled by the exact factor 3.02 / 42.5 = 0.0711", Text("docs", "methods.md"));
    }

    [Fact]
    public void Results_readme_documents_version_2_and_that_every_earlier_version_is_read()
    {
        var results = Text("results", "README.md");

        Assert.Contains("`schemaVersion` is **3**", results);
        Assert.Contains("`inferbench report` and `compare` read **every version from 1 on**", results);
        Assert.Contains("Empty for `estimated-cpu-tdp`: the estimate's idle baseline is only this process's own CPU time", results);
        Assert.Contains("| 2 | Same properties, three meanings changed. **NVML energy** (`measured-nvml-*`) is the run's own GPU's", results);
    }

    [Fact]
    public void The_cost_model_counts_prompt_energy_as_the_code_does_and_names_the_j_per_token_of_each_figure()
    {
        var costModel = Text("docs", "cost-model.md");

        Assert.DoesNotContain("prompt processing's energy is not counted", costModel);
        Assert.Contains("every cost figure uses one, the **gross** `j_per_token`", costModel);
        Assert.Contains("**prompt processing's energy is counted**", costModel);
        Assert.Contains("| electricity, USD per 1M generated tokens (`energy_usd_per_1m_tokens`; `cost --run`'s energy group) | the row's gross `j_per_token` |", costModel);
        Assert.Contains("Not priced: `j_per_token_net` (net of idle), `prefill_j_per_token` and `decode_j_per_token`", costModel);
    }

    [Fact]
    public void The_cost_model_says_the_estimate_has_no_idle_power_names_the_energy_source_line_and_the_ranges_of_files()
    {
        var costModel = Text("docs", "cost-model.md");

        Assert.DoesNotContain("(prefill and idle power included; see above)", costModel);
        Assert.DoesNotContain("gen lengths; so is the device's idle power over the window", costModel);
        Assert.Contains("The CPU-TDP estimate (`estimated-cpu-tdp`) has no idle power in it: it charges only this process's own CPU time", costModel);
        Assert.DoesNotContain("their heading names the row's", costModel);
        Assert.Contains("They begin with `energy source`, the row's `energy_source`", costModel);
        Assert.Contains("self-hosting needs about 3.9e17 instances, a finite count", costModel);
        Assert.Contains("The same ranges hold for the numbers of a `--pricing` file (and the embedded catalog) and of run.json's `cost` section", costModel);
    }

    [Fact]
    public void The_gpu_guide_describes_provider_options_as_they_are_and_claims_no_gpu_run()
    {
        var gpu = Text("docs", "gpu.md");

        Assert.DoesNotContain("(planned)", gpu);
        Assert.DoesNotContain("does not take the option yet", gpu);
        Assert.Contains("`inferbench run --ep cuda --provider-option key=value`", gpu);
        Assert.Contains("Nothing in this document has run on a GPU yet.", gpu);
        var lines = File.ReadAllLines(RepoRoot.Combine("docs", "gpu.md"));
        var table = lines.SkipWhile(l => !l.StartsWith("| part |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|')).ToArray();
        Assert.Contains(table, row => Cells(row)[0] == "`--provider-option`");
        Assert.All(table, row => Assert.Matches("^(not |never |n/a)", Cells(row)[^1]));
    }

    private static string[] Cells(string row) => row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
