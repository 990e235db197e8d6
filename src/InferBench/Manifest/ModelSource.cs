using System.Text.Json.Serialization;

namespace InferBench.Manifest;

/// <summary>Where a variant's model folder comes from: <see cref="LocalModelSource"/> or <see cref="HuggingFaceModelSource"/>.</summary>
[JsonConverter(typeof(ModelSourceJsonConverter))]
public abstract record ModelSource;
