namespace InferBench.Reports.Document;

/// <summary>A paragraph set apart, led by its label in bold: "Partial: ...", "What this means: ...".</summary>
public sealed record NoteBlock(NoteKind Kind, string Label, string Text) : ReportBlock;
