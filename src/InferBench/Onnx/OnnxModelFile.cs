using Google.Protobuf;
using Onnx;

namespace InferBench.Onnx;

/// <summary>Reads an ONNX model's graph (external data stays where it is: only the protobuf file is parsed).</summary>
public static class OnnxModelFile
{
    /// <param name="problem">Makes the exception for a file that is not an ONNX model, from the message naming it.</param>
    public static ModelProto Read(string path, Func<string, Exception> problem)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw problem($"{path}: not an ONNX model ({e.Message})");
        }
    }
}
