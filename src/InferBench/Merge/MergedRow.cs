using InferBench.Reports.Columns;

namespace InferBench.Merge;

/// <summary>One row of the merged results.csv: a run's row or serving point priced on its machine, with the run it came from.</summary>
public sealed record MergedRow(MergeInput Input, MergedMachine Machine, ResultsRow Priced);
