using System.Globalization;

namespace InferBench.Tests.Reports;

/// <summary>Runs code under another current culture, one whose decimal separator is a comma, so a culture leak shows.</summary>
internal static class CultureScope
{
    public static T Run<T>(string cultureName, Func<T> action)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        Assert.Equal(",", culture.NumberFormat.NumberDecimalSeparator); // else the test could not fail
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
