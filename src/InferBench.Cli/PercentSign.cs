namespace InferBench.Cli;

/// <summary>What a trailing % means on a number option.</summary>
public enum PercentSign
{
    /// <summary>Refused: the number has another unit.</summary>
    Refused,

    /// <summary>The number is in percent already: 5 and 5% are the same value.</summary>
    Ignored,

    /// <summary>The number is a share of 1: 40% is 0.4.</summary>
    Hundredths,
}
