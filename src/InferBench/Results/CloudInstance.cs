namespace InferBench.Results;

/// <summary>The cloud virtual machine a run ran on, as its provider's metadata service names it.</summary>
/// <param name="Provider">aws, gcp or azure.</param>
/// <param name="InstanceType">The provider's name for the machine's size, such as p5.48xlarge, a3-highgpu-8g or Standard_NC40ads_H100_v5.</param>
public sealed record CloudInstance(string Provider, string InstanceType);
