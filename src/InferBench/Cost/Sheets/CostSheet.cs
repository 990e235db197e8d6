namespace InferBench.Cost.Sheets;

/// <summary>What <c>inferbench cost</c> prints, as text (<see cref="CostSheetText"/>) or JSON (<see cref="CostSheetJson"/>).</summary>
/// <param name="Rows">One per measured row when the figures come from a run; empty otherwise.</param>
/// <param name="Assumptions">Every value the figures rest on, each once.</param>
public sealed record CostSheet(IReadOnlyList<FigureGroup> Groups, IReadOnlyList<CostRow> Rows, IReadOnlyList<AssumptionLine> Assumptions);
