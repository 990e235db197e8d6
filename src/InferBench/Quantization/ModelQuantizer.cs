using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using InferBench.Onnx;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Telemetry;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Quantization;

/// <summary>
/// Makes an int4, int8 or fp16 variant of an fp32 ONNX Runtime GenAI model folder (see README.md beside this file).
/// The variant's decoder keeps its file name, with every initializer it stores outside the graph in one
/// <c>NAME.data</c> file; the folder's other files are copied, and quantization.json is written last. The folder
/// appears whole or not at all (<see cref="StagedFolder"/>).
/// </summary>
public static class ModelQuantizer
{
    private const string ModelKind = "quantized model";
    private static readonly string[] SourceStamps = [SyntheticModelStamp.FileName, QuantizationStamp.FileName];

    /// <param name="sourceFolder">An fp32 GenAI model folder whose MatMul weights are initializers.</param>
    /// <param name="outFolder">Created, or replaced if it holds an earlier variant (or nothing).</param>
    /// <param name="createFile">Opens each file for writing; tests pass one that fails midway. Default: a new file on disk.</param>
    /// <exception cref="InputException">Bad options or source (the message names the option or file), or --out cannot be written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; nothing is left at <paramref name="outFolder"/>.</exception>
    public static QuantizationStamp Quantize(
        string sourceFolder, string outFolder, QuantizationOptions options, Func<string, Stream>? createFile = null, CancellationToken cancellation = default)
    {
        options.Validate();
        var source = SourceModel.Open(sourceFolder);
        var selection = new MatMulSelection(source, options);
        var dataFileNames = InitializerReader.ExternalFileNames(source.Decoder, source.DecoderPath);
        var sourceSha256 = new[] { source.DecoderFileName }.Concat(dataFileNames)
            .ToDictionary(name => name, name => FileSha256.Of(Path.Combine(source.FolderPath, name)));
        return StagedFolder.Write(outFolder, QuantizationStamp.FileName, ModelKind, stagingPath =>
        {
            var files = new FolderFileWriter(stagingPath, createFile ?? FolderFileWriter.CreateNewFile, cancellation);
            WriteDecoder(source, selection, options, files);
            var skipped = new HashSet<string>([source.DecoderFileName, .. dataFileNames, .. SourceStamps, .. files.FileBytes.Keys]);
            foreach (var path in Directory.GetFiles(source.FolderPath).Where(path => !skipped.Contains(Path.GetFileName(path))))
                files.Write(Path.GetFileName(path), stream =>
                {
                    using var file = File.OpenRead(path);
                    file.CopyTo(stream);
                });

            var bits = options.Bits;
            var stamp = new QuantizationStamp(
                QuantizationStamp.CurrentQuantizerVersion, SoftwareVersionsProbe.Read().InferBench, options.Precision, sourceSha256,
                bits, bits is null ? null : options.BlockSizeElements, bits is null ? null : options.Symmetric,
                bits is null ? null : options.AccuracyLevel, bits is null ? null : selection.LmHeadQuantized,
                selection.ReplacedCount, new Dictionary<string, long>(files.FileBytes));
            FolderStamp.Write(files, QuantizationStamp.FileName, stamp);
            return stamp;
        });
    }

    private static void WriteDecoder(SourceModel source, MatMulSelection selection, QuantizationOptions options, FolderFileWriter files)
    {
        var model = source.Decoder;
        var graph = model.Graph;
        var dataFileName = source.DecoderFileName + ".data";
        using var reader = new InitializerReader(source.DecoderPath);
        ReplaceMatMuls(graph, selection, options);
        var initializers = new List<TensorProto>();
        files.Write(dataFileName, stream =>
        {
            var data = new ExternalDataWriter(stream, files.Cancellation);
            TensorProto External(string name, DataType type, IEnumerable<long> dimensions, ReadOnlySpan<byte> bytes) =>
                OnnxGraphBuilder.ExternalTensor(name, type, dimensions, dataFileName, data.Append(bytes));

            foreach (var tensor in graph.Initializer)
            {
                if (selection.Quantizes(tensor.Name))
                {
                    var weight = BlockQuantizer.Quantize(reader.ReadFloats(tensor), (int)tensor.Dims[0], (int)tensor.Dims[1],
                        options.Bits!.Value, options.BlockSizeElements, options.Symmetric);
                    initializers.Add(External(MatMulNBitsNode.PackedName(tensor.Name, weight.Bits), DataType.Uint8, [weight.N, weight.KBlocks, weight.BlockBytes], weight.Packed));
                    initializers.Add(External(MatMulNBitsNode.ScalesName(tensor.Name), DataType.Float, [weight.Scales.Length], FloatBytes(weight.Scales)));
                    if (weight.ZeroPoints is { } zeroPoints)
                        initializers.Add(External(MatMulNBitsNode.ZeroPointsName(tensor.Name), DataType.Uint8, [zeroPoints.Length], zeroPoints));
                    if (!selection.StillReads(tensor.Name))
                        continue;
                }
                if (options.Precision == Precision.Fp16 && tensor.DataType == (int)DataType.Float)
                    initializers.Add(External(tensor.Name, DataType.Float16, tensor.Dims, Float16Graph.ToFloat16Bytes(reader.ReadFloats(tensor))));
                else if (InitializerReader.IsExternal(tensor))
                    initializers.Add(OnnxGraphBuilder.ExternalTensor(tensor.Name, (DataType)tensor.DataType, tensor.Dims, dataFileName, reader.CopyExternal(tensor, data)));
                else
                    initializers.Add(tensor);
            }
        });

        graph.Initializer.Clear();
        graph.Initializer.AddRange(initializers);
        var kept = initializers.Select(tensor => tensor.Name).ToHashSet();
        // Models from before IR 4 also list initializers as graph inputs; drop those whose initializer is gone.
        foreach (var input in graph.Input.Where(input => selection.Quantizes(input.Name) && !kept.Contains(input.Name)).ToArray())
            graph.Input.Remove(input);
        if (options.Precision == Precision.Fp16)
            Float16Graph.ConvertTypes(graph, reader);
        if (selection.ReplacedCount > 0 && model.OpsetImport.All(opset => opset.Domain != MatMulNBitsNode.Domain))
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MatMulNBitsNode.Domain, Version = 1 });
        model.ProducerName = "InferBench quantizer";
        model.ProducerVersion = QuantizationStamp.CurrentQuantizerVersion.ToString(CultureInfo.InvariantCulture);
        files.Write(source.DecoderFileName, model.WriteTo);
    }

    /// <summary>Swaps each selected MatMul for MatMulNBits in place, keeping the nodes' order; reads K and N from the weights, still float32 here.</summary>
    private static void ReplaceMatMuls(GraphProto graph, MatMulSelection selection, QuantizationOptions options)
    {
        var weights = graph.Initializer.Where(tensor => selection.Quantizes(tensor.Name)).ToDictionary(tensor => tensor.Name);
        for (var i = 0; i < graph.Node.Count; i++)
            if (selection.Replaces(graph.Node[i]))
            {
                var dimensions = weights[graph.Node[i].Input[1]].Dims;
                graph.Node[i] = MatMulNBitsNode.Replacing(graph.Node[i], dimensions[0], dimensions[1], options);
            }
    }

    private static ReadOnlySpan<byte> FloatBytes(float[] values) => MemoryMarshal.AsBytes(values.AsSpan());
}
