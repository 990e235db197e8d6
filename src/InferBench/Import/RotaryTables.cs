namespace InferBench.Import;

/// <summary>
/// The cos_cache and sin_cache GroupQueryAttention reads, [context length, head size / 2], computed as Hugging Face's
/// Llama computes its rotary embedding: inverse frequencies and angles in float32 (then rope_scaling's rescaling), so the
/// imported model rotates as the checkpoint was trained to.
/// </summary>
internal static class RotaryTables
{
    /// <summary>Positions computed between looks at the cancellation token.</summary>
    private const int PositionsPerCancellationCheck = 1 << 16;

    public static float[] Cos(CheckpointConfig config, CancellationToken cancellation) => Table(config, Math.Cos, cancellation);

    public static float[] Sin(CheckpointConfig config, CancellationToken cancellation) => Table(config, Math.Sin, cancellation);

    /// <summary>Each rotary pair's inverse frequency in radians per position, rescaled by rope_scaling.</summary>
    public static float[] InverseFrequencies(CheckpointConfig config)
    {
        var frequencies = new float[config.HeadSize / 2];
        for (var i = 0; i < frequencies.Length; i++)
        {
            // torch: 1.0 / (base ** (arange(0, dim, 2).float() / dim)), all in float32.
            frequencies[i] = 1f / MathF.Pow((float)config.RopeTheta, (float)(2 * i) / config.HeadSize);
            if (config.RopeScaling is { } scaling)
                frequencies[i] = (float)scaling.Rescale(frequencies[i]);
        }
        return frequencies;
    }

    /// <exception cref="InputException">A value is not finite (checked up front by <see cref="CheckpointConfig"/>; here so no table holds one).</exception>
    private static float[] Table(CheckpointConfig config, Func<double, double> function, CancellationToken cancellation)
    {
        var frequencies = InverseFrequencies(config);
        var half = frequencies.Length;
        var values = new float[(long)config.ContextLength * half];
        for (var i = 0; i < half; i++)
            for (var position = 0; position < config.ContextLength; position++)
            {
                if (position % PositionsPerCancellationCheck == 0)
                    cancellation.ThrowIfCancellationRequested();
                var value = (float)function(position * frequencies[i]);
                values[(long)position * half + i] = float.IsFinite(value)
                    ? value
                    : throw new InputException($"{CheckpointConfig.FileName}: rope_theta {config.RopeTheta}: rotary pair {i} at position {position} is not finite");
            }
        return values;
    }
}
