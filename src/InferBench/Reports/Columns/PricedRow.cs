using InferBench.Cost.Runs;
using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>One row of results.csv and the report tables: a run's result and what its tokens cost under the run's assumptions.</summary>
public sealed record PricedRow(ScenarioResult Result, RowCost Cost)
{
    public ScenarioKey Key => ScenarioKey.Of(Result);
}
