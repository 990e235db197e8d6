namespace InferBench.Merge;

/// <summary>A machine the merged runs ran on.</summary>
/// <param name="Label">Its name in the merged files: the short label (<see cref="MachineIdentity.ShortLabel"/>), or the full description where two machines share one.</param>
/// <param name="Description">Every fact of its identity.</param>
/// <param name="PriceUsdPerHour">The machine price the merge was given for it, USD/h; null: each run's own cost assumptions price its rows.</param>
/// <param name="PriceSource">Where that price comes from: its citation (the catalog entry, or the price given).</param>
public sealed record MergedMachine(string Label, string Description, MachineIdentity Identity, double? PriceUsdPerHour, string? PriceSource);
