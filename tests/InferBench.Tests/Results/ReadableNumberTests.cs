using System.Globalization;
using InferBench.Results;

namespace InferBench.Tests.Results;

public sealed class ReadableNumberTests
{
    [Theory]
    [InlineData(20160, "20160")]
    [InlineData(356.7352, "357")]
    [InlineData(45.52, "45.5")]
    [InlineData(1.25, "1.25")]
    [InlineData(0.5, "0.500")]
    [InlineData(0.0489, "0.0489")]
    [InlineData(0.000123, "0.000123")]
    [InlineData(0.0000087, "8.70e-6")]
    [InlineData(1.5e-7, "1.50e-7")]
    [InlineData(0, "0")]
    [InlineData(-2.5, "-2.50")]
    public void Figures_keep_three_significant_digits_with_an_exponent_only_below_a_ten_thousandth(double value, string expected) =>
        Assert.Equal(expected, ReadableNumber.Of(value));

    [Theory]
    [InlineData(3_125_000, "3,125,000")]
    [InlineData(130_208.33, "130,208")]
    [InlineData(356.7352, "357")]
    [InlineData(0.0833, "0.0833")]
    [InlineData(0.0000087, "8.70e-6")]
    public void Grouped_figures_round_alike_and_separate_thousands(double value, string expected) =>
        Assert.Equal(expected, ReadableNumber.Grouped(value));

    [Fact]
    public void The_format_does_not_depend_on_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("1.25 3,125,000 0.50 1234", string.Join(' ',
                ReadableNumber.Of(1.25), ReadableNumber.Grouped(3_125_000), ReadableNumber.Fixed(0.5, 2), ReadableNumber.Integer(1234)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
