using InferBench.Results;

namespace InferBench.Cost.Citations;

/// <summary>Where a figure came from and the date it was true.</summary>
/// <param name="Source">A page, a document or, for a given value, the option that gave it.</param>
/// <param name="AsOf">"2023", "2023-03" or "2023-03-14"; null for values given on the command line and for defaults.</param>
public sealed record Citation(string Source, string? AsOf, Provenance Provenance)
{
    public static Citation Given(string option) => new(option, null, Provenance.Given);

    public static Citation Default(string why) => new(why, null, Provenance.Default);

    public override string ToString() => AsOf is null
        ? $"{JsonEnumName.Of(Provenance)}: {Source}"
        : $"{JsonEnumName.Of(Provenance)}, {AsOf}: {Source}";
}
