namespace InferBench.Synthetic;

/// <summary>
/// Initializer names as ONNX Runtime GenAI's model builder gives them for a Llama, so tools that key on them
/// (a quantizer rewriting every MatMul with an initializer weight) treat a synthetic model like a built one.
/// </summary>
public static class LlamaTensorNames
{
    public const string Embedding = "model.embed_tokens.weight";
    public const string LmHead = "lm_head.MatMul.weight";
    public const string CosCache = "cos_cache";
    public const string SinCache = "sin_cache";

    public static string InputNorm(int layer) => $"model.layers.{layer}.input_layernorm.weight";
    public static string QkvProjection(int layer) => $"model.layers.{layer}.attn.qkv_proj.MatMul.weight";
    /// <summary>The packed q, k and v biases (Qwen2), in the QKV MatMul's column order.</summary>
    public static string QkvBias(int layer) => $"model.layers.{layer}.attn.qkv_proj.Add.bias";
    public static string OutputProjection(int layer) => $"model.layers.{layer}.attn.o_proj.MatMul.weight";
    public static string PostAttentionNorm(int layer) => $"model.layers.{layer}.post_attention_layernorm.weight";
    public static string GateProjection(int layer) => $"model.layers.{layer}.mlp.gate_proj.MatMul.weight";
    public static string UpProjection(int layer) => $"model.layers.{layer}.mlp.up_proj.MatMul.weight";
    /// <summary>Phi-3's fused gate and up projections (<see cref="SyntheticLayout.FusedGateUp"/>): gate's columns, then up's.</summary>
    public static string GateUpProjection(int layer) => $"model.layers.{layer}.mlp.gate_up_proj.MatMul.weight";
    public static string DownProjection(int layer) => $"model.layers.{layer}.mlp.down_proj.MatMul.weight";

    /// <summary>The builder numbers the final norm as one layer past the last.</summary>
    public static string FinalNorm(int layers) => $"model.layers.{layers}.final_norm_layernorm.weight";
}
