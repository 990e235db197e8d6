namespace InferBench.Cost.Units;

/// <summary>Energy per generated token, in joules, as the hardware draws it (before the facility's overhead).</summary>
public readonly record struct JoulesPerToken(double Value)
{
    private const double JoulesPerKilowattHour = 3_600_000;

    public double KilowattHoursPerMillionTokens => Value * UsdPerMillionTokens.TokensPerUnit / JoulesPerKilowattHour;
}
