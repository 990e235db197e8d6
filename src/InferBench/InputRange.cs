using System.Globalization;

namespace InferBench;

/// <summary>
/// The values one numeric input accepts: finite, within [<see cref="Minimum"/>, <see cref="Maximum"/>] (the minimum
/// itself excluded when <see cref="MinimumExcluded"/>), and whole when <see cref="WholeNumber"/>.
/// </summary>
/// <param name="Field">The library's name for the input; a front end maps it to its own (an option name).</param>
/// <param name="Why">Why the range is what it is, when that is not obvious; said after the expectation.</param>
public sealed record InputRange(string Field, double Minimum, double Maximum, bool MinimumExcluded = false, bool WholeNumber = false, string? Why = null)
{
    /// <summary>What the input expects, like "a number from 0 to 3600" or "a whole number from 1 to 1000000".</summary>
    public string Expected => (WholeNumber ? "a whole number " : "a number ")
        + (MinimumExcluded ? $"above {Format(Minimum)} and at most {Format(Maximum)}" : $"from {Format(Minimum)} to {Format(Maximum)}")
        + (Why is null ? "" : $" ({Why})");

    public bool Accepts(double value) =>
        double.IsFinite(value)
        && (MinimumExcluded ? value > Minimum : value >= Minimum)
        && value <= Maximum
        && (!WholeNumber || value == Math.Floor(value));

    /// <exception cref="InputRangeException">The value is outside the range.</exception>
    public double Check(double value) => Accepts(value) ? value : throw new InputRangeException([Field], Expected, Format(value));

    /// <exception cref="InputRangeException">The value is outside the range.</exception>
    public int Check(int value) => Accepts(value) ? value : throw new InputRangeException([Field], Expected, Format(value));

    /// <summary>Invariant, round-trip ("1E+300", "NaN", "-Infinity"), so the message shows what was really given.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
