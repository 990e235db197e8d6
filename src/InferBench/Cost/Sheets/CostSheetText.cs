namespace InferBench.Cost.Sheets;

/// <summary>Writes a <see cref="CostSheet"/> as aligned plain text: headings, "label  figure" lines, then the assumptions.</summary>
public static class CostSheetText
{
    private const string Indent = "  ";

    public static void Write(CostSheet sheet, TextWriter output)
    {
        var rowGroups = sheet.Rows.SelectMany(row => row.Groups).ToList();
        var labelWidth = sheet.Groups.Concat(rowGroups).SelectMany(group => group.Figures).Select(figure => figure.Label)
            .Concat(sheet.Assumptions.Select(line => line.Label))
            .DefaultIfEmpty("").Max(label => label.Length);

        foreach (var group in sheet.Groups)
        {
            output.WriteLine(group.Title);
            WriteFigures(group.Figures, labelWidth, output);
            if (group.Note is { } note)
                output.WriteLine(Indent + note);
            output.WriteLine();
        }
        foreach (var row in sheet.Rows)
        {
            output.WriteLine(row.Title);
            WriteFigures(row.Groups.SelectMany(group => group.Figures), labelWidth, output);
            output.WriteLine();
        }
        // Every row shares its groups' notes: say each once.
        foreach (var note in rowGroups.Select(group => group.Note).OfType<string>().Distinct())
            output.WriteLine(note);
        if (rowGroups.Any(group => group.Note is not null))
            output.WriteLine();

        output.WriteLine("Assumptions");
        var textWidth = sheet.Assumptions.Select(line => line.Text.Length).DefaultIfEmpty(0).Max();
        foreach (var line in sheet.Assumptions)
            output.WriteLine($"{Indent}{line.Label.PadRight(labelWidth)}  {line.Text.PadRight(textWidth)}  {line.Citation}");
    }

    private static void WriteFigures(IEnumerable<Figure> figures, int labelWidth, TextWriter output)
    {
        foreach (var figure in figures)
            output.WriteLine($"{Indent}{figure.Label.PadRight(labelWidth)}  {figure.Text}");
    }
}
