namespace InferBench.Forecast;

/// <summary>
/// The efficiencies a forecast applies, each as a band, and where they come from: a calibration profile on the same
/// hardware, published measurements (engine family, precision, GPU class), or the stated default range.
/// </summary>
/// <param name="Source">calibration, published or default.</param>
/// <param name="Detail">Which profile or points, in words.</param>
/// <param name="Prefill">The prefill's efficiencies where they differ from these (which then are the decode step's): a
/// calibration whose decode comes from the profile's joint decode fit and whose prefill from the variant's own fit.</param>
public sealed record Efficiencies(Band Memory, Band Compute, double FixedSecondsPerLayer, string Source, string Detail, Efficiencies? Prefill = null)
{
    public const string Calibration = "calibration";
    public const string Published = "published";
    public const string Default = "default";

    /// <summary>The stated default: 30% to 80% of both peaks (55% central), no fixed time; used when nothing measured applies.</summary>
    public static Band DefaultBand { get; } = new(0.3, 0.55, 0.8);

    public static Efficiencies DefaultRange(string why) => new(DefaultBand, DefaultBand, 0, Default,
        $"stated default range 0.3-0.8 of the peaks ({why})");
}
