using InferBench.Synthetic;

namespace InferBench.Manifest;

/// <summary>A model InferBench writes itself (see src/InferBench/Synthetic): a preset plus the sizes that replace the preset's.</summary>
public sealed record SyntheticModelSource(string Preset, SyntheticModelOverrides Overrides) : ModelSource
{
    public SyntheticModelConfig Config() => Overrides.ApplyTo(SyntheticModelPresets.Named(Preset));
}
