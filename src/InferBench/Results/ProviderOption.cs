namespace InferBench.Results;

/// <summary>One execution-provider option (<c>--provider-option key=value</c>), handed to GenAI's <c>Config.SetProviderOption</c>.</summary>
public sealed record ProviderOption(string Key, string Value);
