using System.Collections;
using System.Reflection;

namespace InferBench.Tests.Reports;

/// <summary>Compares results models by content (records compare their lists by reference), NaN equal to NaN.</summary>
internal static class ObjectGraph
{
    public static void AssertEqual(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }
        switch (expected)
        {
            case double number:
                var other = Assert.IsType<double>(actual);
                Assert.True(number.Equals(other), $"{path}: expected {number:R}, got {other:R}");
                return;
            case string or ValueType:
                Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
                if (expected is DateTimeOffset time)
                {
                    Assert.Equal(time.Offset, ((DateTimeOffset)actual).Offset);
                }
                return;
            case IEnumerable sequence:
                var expectedItems = sequence.Cast<object?>().ToList();
                var actualItems = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                Assert.True(expectedItems.Count == actualItems.Count, $"{path}: expected {expectedItems.Count} items, got {actualItems.Count}");
                for (var i = 0; i < expectedItems.Count; i++)
                {
                    AssertEqual(expectedItems[i], actualItems[i], $"{path}[{i}]");
                }
                return;
        }
        Assert.Equal(expected.GetType(), actual.GetType());
        foreach (var property in PublicProperties(expected.GetType()))
        {
            AssertEqual(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }

    /// <summary>Fails on a null property or an empty list anywhere below <paramref name="value"/> (lists: first item).</summary>
    public static void AssertEveryPropertySet(object value, string path = "$")
    {
        foreach (var property in PublicProperties(value.GetType()))
        {
            var child = property.GetValue(value);
            var childPath = $"{path}.{property.Name}";
            Assert.True(child is not null, $"{childPath} is not set");
            if (child is IEnumerable sequence and not string)
            {
                var first = sequence.Cast<object?>().FirstOrDefault();
                Assert.True(first is not null, $"{childPath} is empty");
                child = first;
            }
            if (child!.GetType().Namespace?.StartsWith("InferBench", StringComparison.Ordinal) == true && !child.GetType().IsEnum)
            {
                AssertEveryPropertySet(child, childPath);
            }
        }
    }

    private static IEnumerable<PropertyInfo> PublicProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);
}
