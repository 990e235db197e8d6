using System.Reflection;
using System.Runtime.CompilerServices;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Docs;

/// <summary>src/InferBench/Telemetry/Power/README.md names the folder's types, its sources and labels, and how to add a source.</summary>
public sealed class PowerReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepoRoot.Combine("src", "InferBench", "Telemetry", "Power", "README.md"));

    private static readonly Type[] PowerTypes = typeof(PowerMeter).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith(typeof(PowerMeter).Namespace!, StringComparison.Ordinal) == true
            && !t.IsNested && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
        .ToArray();

    [Fact]
    public void Every_type_of_the_folder_and_every_source_is_named()
    {
        var named = PowerTypes
            .Where(t => t.Namespace == typeof(PowerMeter).Namespace || typeof(IPowerSource).IsAssignableFrom(t))
            .Select(t => t.Name.Split('`')[0])
            .ToArray();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains($"`{name}`", Readme));
        Assert.Contains(PowerTypes, t => t.Name == "RaplPowerSource");
    }

    [Fact]
    public void Every_energy_source_label_is_named() =>
        Assert.All(Enum.GetValues<EnergySource>(), source => Assert.Contains($"`{JsonEnumName.Of(source)}`", Readme));

    [Fact]
    public void Adding_a_source_names_the_places_to_change()
    {
        var adding = Readme[Readme.IndexOf("## Adding a power source", StringComparison.Ordinal)..];

        foreach (var place in new[] { "`IPowerSource`", "`PowerSourceException`", "`EnergySource`", "`PowerSourceChoice`",
                     "`PowerSources.OpenOne`", "`PowerSources.AutoOrder`", "`PowerOptions`", "`results/README.md`" })
            Assert.Contains(place, adding);
    }
}
