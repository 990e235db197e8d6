using InferBench.Reports.Columns;

namespace InferBench.Merge;

/// <summary>One row of the merged results.csv: a run's row priced on its machine, with the run it came from.</summary>
public sealed record MergedRow(MergeInput Input, MergedMachine Machine, PricedRow Priced);
