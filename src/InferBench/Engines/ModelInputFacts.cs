using System.Text.RegularExpressions;
using Google.Protobuf;
using InferBench.Models;
using Onnx;

namespace InferBench.Engines;

/// <summary>
/// What InferBench knows when an engine and the decoder graph disagree about an input: the inputs the graph has and
/// those genai_config.json expects, so a row's reason shows which name is wrong.
/// </summary>
public static partial class ModelInputFacts
{
    public static string Describe(GenAiModelInfo model)
    {
        var expected = model.DecoderInputs.Count == 0
            ? "none"
            : string.Join(", ", model.DecoderInputs.Select(input => $"{input.Key} = {input.Value}"));
        return $"{model.DecoderFileName} has inputs {GraphInputs(Path.Combine(model.FolderPath, model.DecoderFileName))}; "
            + $"{GenAiModelFolder.ConfigFileName} $.model.decoder.inputs expects {expected}";
    }

    /// <summary>
    /// The graph's inputs, per-layer names folded into one pattern (past_key_values.%d.key x 32), in graph order.
    /// Initializers listed as inputs (models before IR 4) are weights, not inputs, and are left out.
    /// </summary>
    private static string GraphInputs(string decoderPath)
    {
        ModelProto decoder;
        try
        {
            using var stream = File.OpenRead(decoderPath);
            decoder = ModelProto.Parser.ParseFrom(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidProtocolBufferException)
        {
            return $"that could not be read ({e.Message})";
        }
        var weights = decoder.Graph.Initializer.Select(tensor => tensor.Name).ToHashSet();
        var names = decoder.Graph.Input.Select(input => input.Name).Where(name => !weights.Contains(name));
        return string.Join(", ", names
            .GroupBy(name => LayerNumber().Replace(name, ".%d."))
            .Select(group => group.Count() == 1 ? group.First() : $"{group.Key} x {group.Count()}"));
    }

    [GeneratedRegex(@"\.\d+\.")]
    private static partial Regex LayerNumber();
}
