using System.Runtime.InteropServices;
using InferBench.Onnx;

namespace InferBench.Synthetic;

/// <summary>Writes every weight, one tensor at a time, into the external data file(s) the ONNX model points into.</summary>
internal static class ExternalDataFile
{
    /// <returns>Each tensor's file and where its bytes are in it, by tensor name.</returns>
    public static IReadOnlyDictionary<string, (string File, ExternalDataRange Range)> Write(SyntheticWeights weights, string dataFileName, FolderFileWriter files)
    {
        var locations = new Dictionary<string, (string File, ExternalDataRange Range)>();
        if (weights.Config.Layout?.DataFilePerTensor == true)
        {
            foreach (var tensor in weights.Tensors)
            {
                var fileName = FileNameOf(tensor.Name);
                files.Write(fileName, stream => locations[tensor.Name] = (fileName, Append(new ExternalDataWriter(stream, files.Cancellation), weights, tensor)));
            }
            return locations;
        }
        files.Write(dataFileName, stream =>
        {
            var writer = new ExternalDataWriter(stream, files.Cancellation);
            foreach (var tensor in weights.Tensors)
                locations[tensor.Name] = (dataFileName, Append(writer, weights, tensor));
        });
        return locations;
    }

    private static ExternalDataRange Append(ExternalDataWriter writer, SyntheticWeights weights, WeightTensor tensor) =>
        writer.Append(MemoryMarshal.AsBytes(weights.Values(tensor).AsSpan()));

    /// <summary>As ONNX's save names them: the tensor name with characters unsafe in a file name replaced.</summary>
    private static string FileNameOf(string tensorName) => string.Concat(tensorName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
}
