namespace InferBench.Reports.Document;

/// <summary>How a <see cref="NoteBlock"/> stands out.</summary>
public enum NoteKind
{
    /// <summary>Something that limits what the report shows, such as a partial run or drift: a quote in Markdown.</summary>
    Warning,

    /// <summary>What the figures mean, in a sentence.</summary>
    Takeaway,
}
