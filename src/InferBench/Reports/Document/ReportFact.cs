namespace InferBench.Reports.Document;

/// <summary>One labelled line of a report's setup or assumptions, such as "Host: ...".</summary>
/// <param name="IsCode">True for text shown verbatim as code (the command line).</param>
public sealed record ReportFact(string Label, string Text, bool IsCode = false);
