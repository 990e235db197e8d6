using System.Globalization;
using InferBench.Cost.Catalog;
using InferBench.Cost.Citations;
using InferBench.Cost.Units;

namespace InferBench.Merge;

/// <summary>
/// One <c>--price &lt;machine&gt;=&lt;price&gt;</c>: the machines it names (by label, cloud instance type, GPU model or CPU
/// model, ignoring case) are priced at a catalog GPU instance's USD/h or at a number of USD/h, instead of their runs' own
/// price.
/// </summary>
public sealed record MachinePrice(string Machine, string Price)
{
    /// <summary>The input of the machine prices, which their errors name.</summary>
    public const string Field = "MachinePrices";

    /// <exception cref="InputFieldException">No "=" with text on both sides.</exception>
    public static MachinePrice Parse(string text)
    {
        var split = text.LastIndexOf('=');
        return split > 0 && split < text.Length - 1 && !string.IsNullOrWhiteSpace(text[..split]) && !string.IsNullOrWhiteSpace(text[(split + 1)..])
            ? new MachinePrice(text[..split].Trim(), text[(split + 1)..].Trim())
            : throw new InputFieldException([Field], $"expected <machine>=<catalog instance id or USD per hour>, such as \"aws g6.xlarge=aws-g6.xlarge\" or \"1x NVIDIA L4=0.8\", got \"{text}\"");
    }

    /// <summary>True when <paramref name="machine"/> is one this price names.</summary>
    public bool Names(MergedMachine machine)
    {
        var identity = machine.Identity;
        string?[] names = [machine.Label, machine.Description, identity.ShortLabel, identity.InstanceType, identity.GpuModel, identity.CpuModel];
        return names.Any(name => string.Equals(name, Machine, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The hourly price: a number of USD per hour (0 to 1,000,000), else a GPU instance of <paramref name="catalog"/>.</summary>
    /// <exception cref="InputFieldException">A number out of range, or an id that is not in the catalog.</exception>
    public Cited<UsdPerHour> Resolve(PricingCatalog catalog)
    {
        if (double.TryParse(Price, NumberStyles.Float, CultureInfo.InvariantCulture, out var usd))
        {
            if (!CostInputs.PricePerHourUsd.Accepts(usd))
                throw new InputFieldException([Field], $"expected {CostInputs.PricePerHourUsd.Expected} USD per hour, got \"{Price}\"", Machine);
            return new(new UsdPerHour(usd), Citation.Given($"{CommandOptions.MachinePrice} {Machine}"));
        }
        return PricingCatalog.Find(catalog.GpuInstances, Price, Field, Machine).CitedPrice;
    }

    /// <summary>The price of each machine that one of <paramref name="prices"/> names.</summary>
    /// <exception cref="InputFieldException">A price names no machine, or two name the same machine.</exception>
    public static IReadOnlyDictionary<string, Cited<UsdPerHour>> For(IReadOnlyList<MachinePrice> prices, IReadOnlyList<MergedMachine> machines,
        PricingCatalog catalog)
    {
        var byMachine = new Dictionary<string, (MachinePrice Given, Cited<UsdPerHour> Price)>(StringComparer.Ordinal);
        foreach (var price in prices)
        {
            var named = machines.Where(price.Names).ToList();
            if (named.Count == 0)
                throw new InputFieldException([Field], "names none of the merged machines; give one of their labels, " +
                    $"instance types or GPU or CPU models: {string.Join("; ", machines.Select(machine => $"\"{machine.Label}\""))}", price.Machine);
            var resolved = price.Resolve(catalog);
            foreach (var machine in named)
            {
                if (byMachine.TryGetValue(machine.Label, out var earlier))
                    throw new InputFieldException([Field], $"\"{earlier.Given.Machine}\" and \"{price.Machine}\" both price the machine \"{machine.Label}\"; give it one price");
                byMachine[machine.Label] = (price, resolved);
            }
        }
        return byMachine.ToDictionary(pair => pair.Key, pair => pair.Value.Price, StringComparer.Ordinal);
    }
}
