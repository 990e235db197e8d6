namespace InferBench.Import;

/// <summary>
/// A checkpoint's rope_scaling: none, <c>linear</c> (every frequency divided by the factor) or <c>llama3</c> (Llama 3.1's
/// rescaling of the long wavelengths), applied to the inverse frequencies as Hugging Face's modeling_rope_utils does.
/// </summary>
public sealed record RopeScaling(string Type, double Factor, double LowFrequencyFactor = 0, double HighFrequencyFactor = 0,
    int OriginalContextLength = 0)
{
    public static IReadOnlyList<string> SupportedTypes { get; } = ["default", "linear", "llama3"];

    /// <summary>The rescaled inverse frequency of rotary pair i, in radians per position, from the unscaled one.</summary>
    public double Rescale(double inverseFrequency)
    {
        if (Type == "linear")
            return inverseFrequency / Factor;
        if (Type != "llama3")
            return inverseFrequency;
        var lowFrequencyWavelength = OriginalContextLength / LowFrequencyFactor;
        var highFrequencyWavelength = OriginalContextLength / HighFrequencyFactor;
        var wavelength = 2 * Math.PI / inverseFrequency;
        if (wavelength < highFrequencyWavelength)
            return inverseFrequency;
        if (wavelength > lowFrequencyWavelength)
            return inverseFrequency / Factor;
        var smooth = (OriginalContextLength / wavelength - LowFrequencyFactor) / (HighFrequencyFactor - LowFrequencyFactor);
        return (1 - smooth) * inverseFrequency / Factor + smooth * inverseFrequency;
    }
}
