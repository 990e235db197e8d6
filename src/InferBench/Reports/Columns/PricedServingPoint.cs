using InferBench.Cost.Runs;
using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>One serving load point of results.csv and the report's serving table: the point and what its tokens cost under the run's assumptions.</summary>
public sealed record PricedServingPoint(ServingPointResult Point, ServingPointCost Cost);
