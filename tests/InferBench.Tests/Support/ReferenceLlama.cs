using InferBench.Synthetic;

namespace InferBench.Tests.Support;

/// <summary>
/// A Llama forward pass in plain C#, in double precision and without a KV cache, over the same
/// <see cref="SyntheticWeights"/> the ONNX model holds, in any <see cref="SyntheticLayout"/>: what the ONNX graph must compute.
/// </summary>
/// <param name="matMulWeight">
/// What each MatMul reads in place of its weight W [K, N] (given the weight's name, W, K and N), such as W dequantized as
/// a variant holds it; by default W itself. A fused gate/up weight is passed whole, a tied lm_head (named
/// <see cref="LlamaTensorNames.LmHead"/>) as the embedding table transposed.
/// </param>
/// <param name="qkvBias">A layer's bias added to the packed QKV projection's output (Qwen2's), or none.</param>
public sealed class ReferenceLlama(SyntheticWeights weights, Func<string, float[], int, int, float[]>? matMulWeight = null, Func<int, float[]>? qkvBias = null)
{
    private readonly SyntheticModelConfig _config = weights.Config;
    private readonly Dictionary<string, float[]> _values = [];
    private readonly Dictionary<string, float[]> _matMulWeights = [];

    /// <returns>Logits for every position of <paramref name="tokens"/> ([position][vocab]), each seeing only the tokens up to it.</returns>
    public double[][] Logits(IReadOnlyList<int> tokens)
    {
        var embedding = W(LlamaTensorNames.Embedding);
        var hidden = tokens.Select(token => Row(embedding, token, _config.HiddenSize)).ToArray();
        for (var layer = 0; layer < _config.Layers; layer++)
        {
            var normalized = hidden.Select(h => RmsNorm(h, W(LlamaTensorNames.InputNorm(layer)))).ToArray();
            var attention = Attention(layer, normalized);
            hidden = hidden.Select((h, t) => Add(h, MatMul(attention[t], M(LlamaTensorNames.OutputProjection(layer)), _config.HiddenSize))).ToArray();

            normalized = hidden.Select(h => RmsNorm(h, W(LlamaTensorNames.PostAttentionNorm(layer)))).ToArray();
            hidden = hidden.Select((h, t) => Add(h, Mlp(layer, normalized[t]))).ToArray();
        }
        var final = W(LlamaTensorNames.FinalNorm(_config.Layers));
        var lmHead = _config.Layout?.TiedEmbeddings == true
            ? M(LlamaTensorNames.LmHead, () => Transpose(W(LlamaTensorNames.Embedding), _config.VocabSize, _config.HiddenSize), _config.HiddenSize, _config.VocabSize)
            : M(LlamaTensorNames.LmHead);
        return hidden.Select(h => MatMul(RmsNorm(h, final), lmHead, _config.VocabSize)).ToArray();
    }

    private double[][] Attention(int layer, double[][] normalized)
    {
        var (heads, kvHeads, headSize) = (_config.AttentionHeads, _config.KeyValueHeads, _config.HeadSize);
        var qkvWeight = M(LlamaTensorNames.QkvProjection(layer));
        var queries = new double[normalized.Length][][];
        var keys = new double[normalized.Length][][];
        var values = new double[normalized.Length][][];
        for (var t = 0; t < normalized.Length; t++)
        {
            var qkv = MatMul(normalized[t], qkvWeight, _config.QkvSize);
            if (qkvBias?.Invoke(layer) is { } bias)
                qkv = qkv.Select((v, i) => v + bias[i]).ToArray();
            queries[t] = Enumerable.Range(0, heads).Select(h => Rotate(qkv.AsSpan(h * headSize, headSize), t)).ToArray();
            keys[t] = Enumerable.Range(0, kvHeads).Select(h => Rotate(qkv.AsSpan((heads + h) * headSize, headSize), t)).ToArray();
            values[t] = Enumerable.Range(0, kvHeads).Select(h => qkv.AsSpan((heads + kvHeads + h) * headSize, headSize).ToArray()).ToArray();
        }

        var scale = 1 / Math.Sqrt(headSize);
        var output = new double[normalized.Length][];
        for (var t = 0; t < normalized.Length; t++)
        {
            output[t] = new double[heads * headSize];
            for (var h = 0; h < heads; h++)
            {
                var kvHead = h / (heads / kvHeads);
                var scores = Enumerable.Range(0, t + 1).Select(s => Dot(queries[t][h], keys[s][kvHead]) * scale).ToArray();
                var max = scores.Max();
                var probabilities = scores.Select(score => Math.Exp(score - max)).ToArray();
                var total = probabilities.Sum();
                for (var s = 0; s <= t; s++)
                    for (var i = 0; i < headSize; i++)
                        output[t][h * headSize + i] += probabilities[s] / total * values[s][kvHead][i];
            }
        }
        return output;
    }

    /// <summary>Rotary embedding, non-interleaved: element i pairs with element i + headSize/2.</summary>
    private double[] Rotate(ReadOnlySpan<double> head, int position)
    {
        var half = head.Length / 2;
        var cos = W(LlamaTensorNames.CosCache);
        var sin = W(LlamaTensorNames.SinCache);
        var rotated = new double[head.Length];
        for (var i = 0; i < half; i++)
        {
            var (c, s) = ((double)cos[position * half + i], (double)sin[position * half + i]);
            rotated[i] = head[i] * c - head[i + half] * s;
            rotated[i + half] = head[i + half] * c + head[i] * s;
        }
        return rotated;
    }

    private double[] Mlp(int layer, double[] x)
    {
        double[] gate, up;
        if (_config.Layout?.FusedGateUp == true)
        {
            var gateUp = MatMul(x, M(LlamaTensorNames.GateUpProjection(layer)), 2 * _config.IntermediateSize);
            (gate, up) = (gateUp[.._config.IntermediateSize], gateUp[_config.IntermediateSize..]);
        }
        else
        {
            gate = MatMul(x, M(LlamaTensorNames.GateProjection(layer)), _config.IntermediateSize);
            up = MatMul(x, M(LlamaTensorNames.UpProjection(layer)), _config.IntermediateSize);
        }
        var product = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
        return MatMul(product, M(LlamaTensorNames.DownProjection(layer)), _config.HiddenSize);
    }

    /// <summary>A MatMul weight [K, N] as the MatMul reads it.</summary>
    private float[] M(string name)
    {
        var dimensions = weights[name].Dimensions;
        return M(name, () => W(name), dimensions[0], dimensions[1]);
    }

    private float[] M(string name, Func<float[]> values, int k, int n)
    {
        if (!_matMulWeights.TryGetValue(name, out var weight))
            _matMulWeights[name] = weight = matMulWeight is null ? values() : matMulWeight(name, values(), k, n);
        return weight;
    }

    /// <summary>A row-major [rows × columns] matrix as row-major [columns × rows].</summary>
    public static float[] Transpose(float[] matrix, int rows, int columns)
    {
        var transposed = new float[matrix.Length];
        for (var row = 0; row < rows; row++)
            for (var column = 0; column < columns; column++)
                transposed[column * rows + row] = matrix[row * columns + column];
        return transposed;
    }

    private float[] W(string name)
    {
        if (!_values.TryGetValue(name, out var values))
            _values[name] = values = weights.Values(name);
        return values;
    }

    private double[] RmsNorm(double[] x, float[] weight)
    {
        var inverseRms = 1 / Math.Sqrt(x.Sum(v => v * v) / x.Length + _config.RmsNormEpsilon);
        return x.Select((v, i) => v * inverseRms * weight[i]).ToArray();
    }

    /// <summary>x [in] times w [in, out], row-major as ONNX MatMul's second input.</summary>
    private static double[] MatMul(double[] x, float[] w, int outputs)
    {
        var y = new double[outputs];
        for (var i = 0; i < x.Length; i++)
            for (var j = 0; j < outputs; j++)
                y[j] += x[i] * w[i * outputs + j];
        return y;
    }

    private static double[] Row(float[] matrix, int row, int width) =>
        matrix.AsSpan(row * width, width).ToArray().Select(v => (double)v).ToArray();

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();

    private static double Dot(double[] a, double[] b) => a.Select((v, i) => v * b[i]).Sum();
}
