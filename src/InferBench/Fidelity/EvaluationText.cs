namespace InferBench.Fidelity;

/// <summary>The text quality is measured on, and where it came from (recorded in run.json).</summary>
/// <param name="Name">Short name: "wikitext-2-raw-v1 test" or the file's name.</param>
/// <param name="Source">The Hub dataset repository, or the file's full path.</param>
/// <param name="Revision">The Hub revision (commit); null for a local file.</param>
/// <param name="Path">The file in the repository; null for a local file.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file the text was read from.</param>
/// <param name="Licence">The text's licence where known; null for a local file.</param>
public sealed record EvaluationText(string Text, string Name, string Source, string? Revision, string? Path, string Sha256, string? Licence);
