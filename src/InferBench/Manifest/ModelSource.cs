using System.Text.Json.Serialization;

namespace InferBench.Manifest;

/// <summary>Where a variant's model folder comes from: <see cref="LocalModelSource"/>, <see cref="HuggingFaceModelSource"/>, <see cref="CheckpointModelSource"/>, <see cref="SyntheticModelSource"/> or <see cref="DerivedModelSource"/>.</summary>
[JsonConverter(typeof(ModelSourceJsonConverter))]
public abstract record ModelSource;
