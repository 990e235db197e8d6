namespace InferBench.Tests.Support;

/// <summary>Tests that set the process-wide HF_ENDPOINT run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HfEndpointCollection
{
    public const string Name = "HF_ENDPOINT";
}
