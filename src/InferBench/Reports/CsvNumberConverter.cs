using CsvHelper;

namespace InferBench.Reports;

/// <summary>
/// Writes a number with at most six decimals, no exponent and no group separator, in the writer's (invariant)
/// culture: <c>1234.5</c>, <c>0.000123</c>. run.json keeps the full precision.
/// </summary>
public sealed class CsvNumberConverter : ICsvConverter<double>
{
    public const string Format = "0.######";

    public double Read(CsvReader reader, int index) => reader.Parse<double>(index);

    public void Write(CsvWriter writer, double value) => writer.WriteField(value, Format);
}
