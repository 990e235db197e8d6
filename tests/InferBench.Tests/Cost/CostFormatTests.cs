using System.Globalization;
using InferBench.Cost.Sheets;

namespace InferBench.Tests.Cost;

public sealed class CostFormatTests
{
    [Theory]
    [InlineData(27_360, "$27,360")]
    [InlineData(4_687_500, "$4,687,500")]
    [InlineData(9_999.994, "$9,999.99")]
    [InlineData(912, "$912.00")]
    [InlineData(9.102777, "$9.10")]
    [InlineData(0.6, "$0.60")]
    [InlineData(0.15, "$0.15")]
    [InlineData(0.127, "$0.127")]
    [InlineData(0.0110666, "$0.0111")]
    [InlineData(0, "$0.00")]
    [InlineData(-5, "-$5.00")]
    public void Amounts_keep_whole_dollars_when_large_and_three_significant_digits_when_small(double usd, string expected) =>
        Assert.Equal(expected, CostFormat.Usd(usd));

    [Theory]
    [InlineData(1.006, "$1.006")]
    [InlineData(38, "$38.00")]
    [InlineData(10.9791, "$10.9791")]
    public void Given_prices_are_printed_as_given(double usd, string expected) => Assert.Equal(expected, CostFormat.UsdAsGiven(usd));

    [Theory]
    [InlineData(720, "720")]
    [InlineData(1.58, "1.58")]
    [InlineData(0.12, "0.12")]
    [InlineData(1025, "1,025")]
    [InlineData(367.25, "367.25")]
    public void Assumptions_are_printed_as_given_with_thousands_separated(double value, string expected) =>
        Assert.Equal(expected, CostFormat.AsGiven(value));

    [Fact]
    public void The_format_does_not_depend_on_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("$27,360 $9.10 3.15e23 22.4% 0.12", string.Join(' ',
                CostFormat.Usd(27_360), CostFormat.Usd(9.1), CostFormat.Scientific(3.15e23), CostFormat.Percent(0.224), CostFormat.AsGiven(0.12)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
