namespace InferBench.Cost;

/// <summary>Both monthly bills at one volume.</summary>
/// <param name="Instances">How many of the hardware the volume needs at the assumed utilisation (each paid in full): a whole number, held as a double since the inputs' ranges allow about 4e17 of them, beyond an int.</param>
public sealed record MonthlyBills(double OutputTokensPerMonth, double InputTokensPerMonth, Usd Api, Usd SelfHosting, double Instances);
