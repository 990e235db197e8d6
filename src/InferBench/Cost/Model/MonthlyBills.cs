using InferBench.Cost.Units;

namespace InferBench.Cost.Model;

/// <summary>Both monthly bills at one volume.</summary>
/// <param name="Instances">How many of the hardware the volume needs at the assumed utilisation (each paid in full): a whole number, up to about 4e17.</param>
public sealed record MonthlyBills(double OutputTokensPerMonth, double InputTokensPerMonth, Usd Api, Usd SelfHosting, double Instances);
