using System.Globalization;

namespace InferBench.Synthetic;

/// <summary>The decoder's graph inputs and outputs, as genai_config.json tells ONNX Runtime GenAI to feed and read them.</summary>
internal static class DecoderIoNames
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string Logits = "logits";
    public const string PastKeyPattern = "past_key_values.%d.key";
    public const string PastValuePattern = "past_key_values.%d.value";
    public const string PresentKeyPattern = "present.%d.key";
    public const string PresentValuePattern = "present.%d.value";

    public static string PastKey(int layer) => ForLayer(PastKeyPattern, layer);
    public static string PastValue(int layer) => ForLayer(PastValuePattern, layer);
    public static string PresentKey(int layer) => ForLayer(PresentKeyPattern, layer);
    public static string PresentValue(int layer) => ForLayer(PresentValuePattern, layer);

    private static string ForLayer(string pattern, int layer) => pattern.Replace("%d", layer.ToString(CultureInfo.InvariantCulture));
}
