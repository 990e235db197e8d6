namespace InferBench.Results;

/// <summary>The text a run measured quality on, recorded so the figures can be reproduced and attributed.</summary>
/// <param name="Name">"WikiText-2 raw test", or the file's name.</param>
/// <param name="Source">The Hub dataset repository (<c>Salesforce/wikitext</c>), or the file's full path.</param>
/// <param name="Revision">The Hub commit; null for a local file.</param>
/// <param name="Path">The file in the repository; null for a local file.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file read.</param>
/// <param name="Licence">The text's licence as its dataset card states it; null for a local file.</param>
/// <param name="Characters">Characters of text read (UTF-16 code units).</param>
public sealed record EvaluationTextRecord(string Name, string Source, string? Revision, string? Path, string Sha256, string? Licence, int Characters);
