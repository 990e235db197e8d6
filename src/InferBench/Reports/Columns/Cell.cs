using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>One cell, as results.csv writes it (<see cref="Exact"/>) and as people read it (<see cref="Text"/>).</summary>
/// <param name="Exact">Invariant text at results.csv's precision (<see cref="CsvNumber"/>); null when absent, an empty field.</param>
/// <param name="Text">The readable text: numbers to three significant digits (<see cref="ReadableNumber"/>), "–" when absent.</param>
public readonly record struct Cell(string? Exact, string Text)
{
    public static Cell Of(string? text) => new(text, text ?? ReportCell.Absent);

    public static Cell Of(int? count) => count is { } value ? new(ReadableNumber.Integer(value), ReadableNumber.Integer(value)) : Absent;

    public static Cell Of(bool? flag) => flag is { } value ? new(value ? "true" : "false", value ? "true" : "false") : Absent;

    /// <summary>A number, or <see cref="Absent"/> when there is none or it is not finite (no "NaN" in a table).</summary>
    /// <param name="text">How people read it, when not <see cref="ReportCell.Number"/>: such as an amount in dollars.</param>
    public static Cell Of(double? number, string? text = null) => number is { } value && double.IsFinite(value)
        ? new(CsvNumber.Format(value), text ?? ReportCell.Number(value))
        : Absent;

    /// <summary>A cell of a human table made of other cells, such as "123 [130]"; results.csv has no such column.</summary>
    public static Cell Composed(string text) => new(text, text);

    public static Cell Absent { get; } = new(null, ReportCell.Absent);
}
