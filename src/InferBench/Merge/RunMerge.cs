using InferBench.Cost.Catalog;
using InferBench.Cost.Model;
using InferBench.Cost.Runs;
using InferBench.Reports;
using InferBench.Reports.Columns;
using InferBench.Results;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Merge;

/// <summary>
/// Many run folders from many machines as one comparison (<c>inferbench merge</c>): each run's machine from its host
/// facts; copies of a run and superseded runs of a campaign shard left out; partial runs, runs without ok rows and runs
/// whose plan, software, latency targets or quality facts differ from most runs' flagged; then per model x variant x
/// machine x workload the batch-1 and best measured figures, priced at the machine's price, every best point judged
/// against one set of latency targets.
/// </summary>
/// <param name="Inputs">Every run folder found, with what was done with it.</param>
/// <param name="Problems">Given folders that hold no run, and run folders whose run.json could not be read.</param>
/// <param name="LatencyTargets">The targets every entry's best point is judged against.</param>
public sealed record RunMerge(
    IReadOnlyList<MergeInput> Inputs,
    IReadOnlyList<MergedMachine> Machines,
    IReadOnlyList<MergedRow> Rows,
    IReadOnlyList<MergedEntry> Entries,
    IReadOnlyList<MergeProblem> Problems,
    MergeLatencyTargets LatencyTargets)
{
    /// <summary>True when a merged run has an ok row with measured decode tok/s, or a measured serving point.</summary>
    public bool HasMeasuredRow => Rows.Any(row => row.Priced.Static is { } priced ? MergedPoint.IsMeasured(priced.Result) : Throughput.Of(row.Priced.Serving!.Point) is not null);

    /// <summary>The inputs merged: neither duplicates, superseded shards nor unreadable folders.</summary>
    public int MergedRunCount => Inputs.Count(input => input.Status == MergeInputStatus.Merged);

    /// <summary>The caveats to say on the console: inputs left out, and every flag of a merged run.</summary>
    public IEnumerable<MergeProblem> Warnings =>
        Inputs.Where(input => input.Status is MergeInputStatus.Duplicate or MergeInputStatus.Superseded)
            .Select(input => new MergeProblem(input.Folder, $"{JsonEnumName.Of(input.Status)}: {input.Reason}"))
            .Concat(Inputs.SelectMany(input => input.Flags.Select(flag => new MergeProblem(input.Folder, flag))));

    /// <param name="paths">Run folders, or folders holding run folders at any depth (<see cref="RunDiscovery"/>).</param>
    /// <param name="prices">--price mappings of machines to prices.</param>
    /// <param name="catalog">Where --price looks up catalog instances, and the energy defaults of a run that recorded no cost assumptions.</param>
    /// <param name="latencyTargets">The targets every entry's best point is judged against (merge --slo); null: the set most
    /// merged runs ran with (<see cref="MergeLatencyTargets"/>).</param>
    /// <param name="cancellation">Checked before each run folder is read, so a merge of many folders stops on the first signal.</param>
    /// <exception cref="InputException">A machine price is malformed, names no machine, or names one that another price names.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; nothing was merged.</exception>
    public static RunMerge Of(IEnumerable<string> paths, IReadOnlyList<MachinePrice> prices, PricingCatalog catalog,
        IReadOnlyList<LatencyTarget>? latencyTargets = null, CancellationToken cancellation = default)
    {
        var (folders, problems) = RunDiscovery.Find(paths);
        var read = new List<(string Folder, RunResult Run)>();
        var inputs = new List<MergeInput>();
        var allProblems = problems.ToList();
        foreach (var folder in folders)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                read.Add((folder, RunFolder.Read(folder)));
            }
            catch (InputException e)
            {
                allProblems.Add(new MergeProblem(folder, e.Message));
                inputs.Add(new MergeInput(folder, MergeInputStatus.Unreadable, null, null, null, [], e.Message));
            }
        }
        var (kept, leftOut) = Deduplicate(read);
        var identities = kept.Select(run => MachineIdentity.Of(run.Run.Host)).ToList();
        var machines = MachinesOf(identities);
        var machineOf = identities.Select(identity => machines.First(machine => machine.Identity == identity)).ToList();
        var machinePrices = MachinePrice.For(prices, machines, catalog);
        machines = [.. machines.Select(machine => machinePrices.TryGetValue(machine.Label, out var price)
            ? machine with { PriceUsdPerHour = price.Value.Value, PriceSource = price.Citation.ToString() }
            : machine)];
        List<RunResult> runs = [.. kept.Select(run => run.Run)];
        var differences = RunSetupFacts.Differences(runs);
        var targets = MergeLatencyTargets.Of(runs, latencyTargets);
        var quality = QualityFacts.Differences(runs);
        var merged = kept.Select((run, i) => new MergeInput(run.Folder, MergeInputStatus.Merged, run.Run.RunId, machineOf[i].Label, run.Run.State,
                Flags(run.Run, [.. differences[i], .. targets.Difference(run.Run) is { } other ? [other] : Array.Empty<string>(),
                    .. quality[i].Select(fact => fact.Difference)]), null)
            {
                Run = run.Run,
                ModelFlags = [.. quality[i].Select(fact => (fact.Model, MergeInput.NotComparablePrefix + fact.Difference))],
                Pricing = new RunPricing(machinePrices.TryGetValue(machineOf[i].Label, out var price)
                    ? RunCostSetup.Repriced(run.Run.Cost, price, catalog.DefaultEnergy)
                    : run.Run.Cost),
            })
            .ToList();
        var byLabel = machines.ToDictionary(machine => machine.Label, StringComparer.Ordinal);
        List<MergedRow> rows =
        [
            .. merged.SelectMany(input => ResultsRow.Of(input.Run!, input.Pricing!).Select(row => new MergedRow(input, byLabel[input.Machine!], row))),
        ];
        inputs.AddRange(merged);
        inputs.AddRange(leftOut);
        var order = folders.Select((folder, i) => (folder, i)).ToDictionary(pair => pair.folder, pair => pair.i, StringComparer.Ordinal);
        return new RunMerge([.. inputs.OrderBy(input => order[input.Folder])], machines, rows, MergedEntries.Of(merged, machines, targets),
            allProblems, targets);
    }

    /// <summary>
    /// The same run given twice (one run id) counts once: the complete copy, else the one with the most rows, else the first.
    /// Two runs of one campaign's same shard work (a retry) count once: the complete one, else the newest.
    /// </summary>
    private static (List<(string Folder, RunResult Run)> Kept, List<MergeInput> LeftOut) Deduplicate(List<(string Folder, RunResult Run)> read)
    {
        var leftOut = new List<MergeInput>();
        var kept = new List<(string Folder, RunResult Run)>();
        foreach (var copies in read.GroupBy(run => run.Run.RunId, StringComparer.Ordinal))
        {
            var best = copies.OrderByDescending(run => run.Run.State == RunState.Complete).ThenByDescending(run => run.Run.Results.Count).First();
            kept.Add(best);
            leftOut.AddRange(copies.Where(copy => copy != best).Select(copy => LeftOut(copy, MergeInputStatus.Duplicate,
                $"the same run ({copy.Run.RunId}) as {best.Folder}, which is merged: not counted twice")));
        }
        // Keyed on the work, not the index: after the campaign file changed, the same index may name other work, which no retry replaces.
        var shards = kept.Where(run => run.Run.Shard is not null)
            .GroupBy(run => (run.Run.Shard!.Campaign, run.Run.Shard.MachineClass, Work: string.Join('\n', run.Run.Shard.Work)))
            .Where(group => group.Count() > 1);
        foreach (var shard in shards)
        {
            var best = shard.OrderByDescending(run => run.Run.State == RunState.Complete).ThenByDescending(run => run.Run.StartedUtc).First();
            foreach (var other in shard.Where(run => run != best))
            {
                kept.Remove(other);
                leftOut.Add(LeftOut(other, MergeInputStatus.Superseded,
                    $"campaign {shard.Key.Campaign} shard {Integer(other.Run.Shard!.Index)} of {Integer(other.Run.Shard.Count)} ran again as {best.Run.RunId} ({best.Folder}) " +
                    $"with the same work ({shard.Key.MachineClass}: {string.Join(", ", other.Run.Shard.Work)}), " +
                    "which is merged (a complete run before a partial one, then the newest): not counted twice"));
            }
        }
        var order = read.Select((run, i) => (run.Folder, i)).ToDictionary(pair => pair.Folder, pair => pair.i, StringComparer.Ordinal);
        return ([.. kept.OrderBy(run => order[run.Folder])], leftOut);
    }

    private static MergeInput LeftOut((string Folder, RunResult Run) run, MergeInputStatus status, string reason) =>
        new(run.Folder, status, run.Run.RunId, null, run.Run.State, [], reason) { Run = run.Run };

    private static List<string> Flags(RunResult run, IReadOnlyList<string> differences)
    {
        var flags = new List<string>();
        if (RunCompleteness.PartialReason(run) is { } partial)
            flags.Add($"partial: {partial}");
        if (!run.Results.Any(MergedPoint.IsMeasured) && !(run.Serving ?? []).Any(point => Throughput.Of(point) is not null))
        {
            var counts = run.Results.GroupBy(row => row.Status).Select(group => $"{Integer(group.Count())} {JsonEnumName.Of(group.Key)}");
            flags.Add($"no ok rows: nothing measured ({(run.Results.Count == 0 ? "no rows" : string.Join(", ", counts))})");
        }
        flags.AddRange(differences.Select(difference => MergeInput.NotComparablePrefix + difference));
        return flags;
    }

    /// <summary>One machine per distinct identity, in order of first appearance, named by its short label unless another shares it.</summary>
    private static List<MergedMachine> MachinesOf(List<MachineIdentity> identities)
    {
        var distinct = identities.Distinct().ToList();
        var shared = distinct.GroupBy(identity => identity.ShortLabel, StringComparer.Ordinal).Where(group => group.Count() > 1)
            .Select(group => group.Key).ToHashSet(StringComparer.Ordinal);
        return [.. distinct.Select(identity => new MergedMachine(shared.Contains(identity.ShortLabel) ? identity.Description : identity.ShortLabel,
            identity.Description, identity, null, null))];
    }
}
