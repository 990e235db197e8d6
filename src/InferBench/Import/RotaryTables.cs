namespace InferBench.Import;

/// <summary>
/// The cos_cache and sin_cache GroupQueryAttention reads, [context length, head size / 2], computed as Hugging Face's
/// Llama computes its rotary embedding: inverse frequencies and angles in float32 (then rope_scaling's rescaling), so the
/// imported model rotates as the checkpoint was trained to.
/// </summary>
internal static class RotaryTables
{
    public static float[] Cos(CheckpointConfig config) => Table(config, Math.Cos);

    public static float[] Sin(CheckpointConfig config) => Table(config, Math.Sin);

    private static float[] Table(CheckpointConfig config, Func<double, double> function)
    {
        var half = config.HeadSize / 2;
        var values = new float[(long)config.ContextLength * half];
        for (var i = 0; i < half; i++)
        {
            // torch: 1.0 / (base ** (arange(0, dim, 2).float() / dim)), all in float32.
            var inverseFrequency = 1f / MathF.Pow((float)config.RopeTheta, (float)(2 * i) / config.HeadSize);
            if (config.RopeScaling is { } scaling)
                inverseFrequency = (float)scaling.Rescale(inverseFrequency);
            for (var position = 0; position < config.ContextLength; position++)
                values[(long)position * half + i] = (float)function(position * inverseFrequency);
        }
        return values;
    }
}
