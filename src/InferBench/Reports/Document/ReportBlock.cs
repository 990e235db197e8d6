namespace InferBench.Reports.Document;

/// <summary>One block of a report: a paragraph, a note, a subheading, a list, facts, a table or charts.</summary>
public abstract record ReportBlock;
