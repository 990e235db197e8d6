namespace InferBench.Models;

/// <summary>A model folder that cannot be used as it is: missing files or an unreadable genai_config.json.</summary>
public sealed class ModelFolderException(string message) : Exception(message);
