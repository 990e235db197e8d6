namespace InferBench.Serving;

/// <summary>One model variant to serve: where its folder is and what its rows say it is.</summary>
/// <param name="VocabSize">The model's vocabulary size (genai_config.json's vocab_size): prompts are random ids below it.</param>
public sealed record ServingTarget(string Model, string Variant, string Precision, string FolderPath, int VocabSize);
