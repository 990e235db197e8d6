using InferBench.Cost.Citations;
using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>Everything a cost figure rests on besides the measurement; each value says where it came from.</summary>
public sealed record CostAssumptions(HardwareCost Hardware, Cited<Utilization> Utilization, EnergyAssumptions Energy);
