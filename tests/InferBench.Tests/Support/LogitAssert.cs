namespace InferBench.Tests.Support;

public static class LogitAssert
{
    /// <summary>Asserts every |expected - actual| is below <paramref name="tolerance"/>, naming where the largest difference is.</summary>
    public static void Close(IReadOnlyList<double> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Length);
        var (worst, worstIndex) = (0.0, -1);
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.True(float.IsFinite(actual[i]), $"{what}: logit {i} is {actual[i]}");
            var difference = Math.Abs(expected[i] - actual[i]);
            if (difference > worst)
                (worst, worstIndex) = (difference, i);
        }
        Assert.True(worst < tolerance, $"{what}: max |difference| {worst:E3} at logit {worstIndex}, tolerance {tolerance:E0}");
    }

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string what) =>
        Close(expected.ToArray().Select(v => (double)v).ToArray(), actual, tolerance, what);
}
