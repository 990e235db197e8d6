using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using InferBench.Models;
using InferBench.Onnx;
using InferBench.Results;
using InferBench.Telemetry;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Quantization;

/// <summary>
/// Makes an int4, int8 or fp16 variant of an fp32 or fp16 ONNX Runtime GenAI model folder (see README.md beside this
/// file), reading and writing one tensor at a time, each in pieces. The variant's decoder keeps its file name, with every
/// initializer it stores outside the graph in one <c>NAME.data</c> file; the folder's other files are copied (genai_config.json
/// re-targeted when the variant is made for another provider), and quantization.json is written last. The folder appears
/// whole or not at all (<see cref="StagedFolder"/>).
/// </summary>
public static class ModelQuantizer
{
    private const string ModelKind = "quantized model";
    /// <summary>Float32 values per piece read while quantizing: 32 MiB, so a 2-core machine keeps both cores busy per piece.</summary>
    private const int PieceElements = 8 << 20;

    /// <param name="sourceFolder">An fp32 or fp16 GenAI model folder whose MatMul weights are initializers.</param>
    /// <param name="outFolder">Created, or replaced if it holds an earlier variant (or nothing).</param>
    /// <param name="createFile">Opens each file for writing; tests pass one that fails midway. Default: a new file on disk.</param>
    /// <param name="sourceVariant">The manifest variant ("model/variant") the source folder holds, recorded in quantization.json; null for a plain folder.</param>
    /// <exception cref="InputException">Bad options or source (the message names the option or file), or --out cannot be written.</exception>
    /// <exception cref="UnsupportedLayoutException">A MatMul of the source cannot be quantized: the message names the node and why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; nothing is left at <paramref name="outFolder"/>.</exception>
    public static QuantizationStamp Quantize(
        string sourceFolder, string outFolder, QuantizationOptions options, Func<string, Stream>? createFile = null, CancellationToken cancellation = default,
        string? sourceVariant = null)
    {
        options.Validate();
        var source = SourceModel.Open(sourceFolder);
        var target = options.Target ?? source.ConfiguredTarget;
        var selection = new MatMulSelection(source, options);
        var sourcePrecision = selection.WeightType == DataType.Float16 ? Precision.Fp16 : Precision.Fp32;
        if (options.Precision == Precision.Fp16 && sourcePrecision == Precision.Fp16)
            throw new InputFieldException([QuantizationOptions.PrecisionField], $"fp16: {source.DecoderPath} is fp16 already; expected int4 or int8 for an fp16 model");
        var plan = new Plan(options, target, selection, selection.WeightType, ActivationType(options.Precision, selection.WeightType, target));
        var dataFileNames = InitializerReader.ExternalFileNames(source.Decoder, source.DecoderPath);
        var sourceSha256 = new[] { source.DecoderFileName }.Concat(dataFileNames).Union(QuantizationStamp.SourceFiles(source.FolderPath))
            .ToDictionary(name => name, name => FileSha256.Of(Path.Combine(source.FolderPath, name)));
        return StagedFolder.Write(outFolder, QuantizationStamp.FileName, ModelKind, stagingPath =>
        {
            var files = new FolderFileWriter(stagingPath, createFile ?? FolderFileWriter.CreateNewFile, cancellation);
            WriteDecoder(source, plan, files);
            var skipped = new HashSet<string>([source.DecoderFileName, .. dataFileNames, .. QuantizationStamp.SourceStamps, .. files.FileBytes.Keys]);
            foreach (var path in Directory.GetFiles(source.FolderPath).Where(path => !skipped.Contains(Path.GetFileName(path))))
                files.Write(Path.GetFileName(path), stream =>
                {
                    if (Path.GetFileName(path) == GenAiModelFolder.ConfigFileName && !source.AsksFor(target))
                        WriteRetargetedConfig(path, target, stream);
                    else
                    {
                        using var file = File.OpenRead(path);
                        file.CopyTo(stream);
                    }
                });

            var bits = options.Bits;
            var stamp = new QuantizationStamp(
                QuantizationStamp.CurrentQuantizerVersion, SoftwareVersionsProbe.Read().InferBench, options.Precision, sourceSha256,
                bits, bits is null ? null : options.BlockSizeElements, bits is null ? null : options.Symmetric,
                bits is null ? null : options.AccuracyLevelFor(target), bits is null ? null : selection.LmHeadQuantized,
                selection.ReplacedCount, new Dictionary<string, long>(files.FileBytes))
            {
                Target = target,
                SourcePrecision = sourcePrecision,
                ActivationPrecision = plan.Activations == DataType.Float16 ? Precision.Fp16 : Precision.Fp32,
                AlreadyQuantizedMatMuls = selection.AlreadyQuantizedCount,
                AlreadyQuantizedBits = selection.AlreadyQuantizedCount > 0 ? selection.AlreadyQuantizedBits : null,
                SourceVariant = sourceVariant,
            };
            FolderStamp.Write(files, QuantizationStamp.FileName, stamp);
            return stamp;
        });
    }

    /// <summary>
    /// The float type of the variant's activations: fp16 for an fp16 variant; for int4/int8, the source's, except that an
    /// fp16 source made for the CPU computes in fp32 (measured: README.md beside this file).
    /// </summary>
    private static DataType ActivationType(Precision precision, DataType sourceType, ExecutionProvider target) =>
        precision == Precision.Fp16 ? DataType.Float16
        : sourceType == DataType.Float16 && target == ExecutionProvider.Cpu ? DataType.Float
        : sourceType;

    private sealed record Plan(QuantizationOptions Options, ExecutionProvider Target, MatMulSelection Selection, DataType SourceType, DataType Activations);

    private static void WriteDecoder(SourceModel source, Plan plan, FolderFileWriter files)
    {
        var model = source.Decoder;
        var graph = model.Graph;
        var selection = plan.Selection;
        var dataFileName = source.DecoderFileName + ".data";
        using var reader = new InitializerReader(source.DecoderPath);
        var piece = new PieceBuffer();
        ReplaceMatMuls(graph, plan);
        var initializers = new List<TensorProto>();
        files.Write(dataFileName, stream =>
        {
            var data = new ExternalDataWriter(stream, files.Cancellation);
            TensorProto External(string name, DataType type, IEnumerable<long> dimensions, ReadOnlySpan<byte> bytes) =>
                OnnxGraphBuilder.ExternalTensor(name, type, dimensions, dataFileName, data.Append(bytes));

            foreach (var tensor in graph.Initializer)
            {
                if (selection.ReplacementReading(tensor.Name) is { } matMul)
                {
                    var weight = Quantize(reader, matMul, plan.Options, piece, files.Cancellation);
                    initializers.Add(External(MatMulNBitsNode.PackedName(tensor.Name, weight.Bits), DataType.Uint8, [weight.N, weight.KBlocks, weight.BlockBytes], weight.Packed));
                    initializers.Add(plan.Activations == DataType.Float16
                        ? External(MatMulNBitsNode.ScalesName(tensor.Name), DataType.Float16, [weight.Scales.Length], FloatTypes.ToFloat16Bytes(weight.Scales))
                        : External(MatMulNBitsNode.ScalesName(tensor.Name), DataType.Float, [weight.Scales.Length], MemoryMarshal.AsBytes(weight.Scales.AsSpan())));
                    if (weight.ZeroPoints is { } zeroPoints)
                        initializers.Add(External(MatMulNBitsNode.ZeroPointsName(tensor.Name), DataType.Uint8, [zeroPoints.Length], zeroPoints));
                    if (!selection.StillReads(tensor.Name))
                        continue;
                }
                if (tensor.DataType == (int)plan.SourceType && plan.SourceType != plan.Activations)
                    initializers.Add(OnnxGraphBuilder.ExternalTensor(tensor.Name, plan.Activations, tensor.Dims, dataFileName, reader.CopyConverted(tensor, plan.Activations, data)));
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
        if (plan.SourceType != plan.Activations)
            FloatTypes.ConvertTypes(graph, plan.SourceType, plan.Activations, reader);
        if (selection.ReplacedCount > 0 && model.OpsetImport.All(opset => opset.Domain != MatMulNBitsNode.Domain))
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MatMulNBitsNode.Domain, Version = 1 });
        model.ProducerName = "InferBench quantizer";
        model.ProducerVersion = QuantizationStamp.CurrentQuantizerVersion.ToString(CultureInfo.InvariantCulture);
        files.Write(source.DecoderFileName, model.WriteTo);
    }

    /// <summary>Quantizes one weight, reading it a piece at a time: whole blocks of rows of W, or whole rows of Wᵀ.</summary>
    private static QuantizedWeight Quantize(InitializerReader reader, QuantizedMatMul matMul, QuantizationOptions options, PieceBuffer buffer, CancellationToken cancellation)
    {
        var (k, n) = ((int)matMul.K, (int)matMul.N);
        var quantizer = new StreamingBlockQuantizer(k, n, options.Bits!.Value, options.BlockSizeElements, options.Symmetric);
        // A piece is whole rows of W (whole blocks along K), or whole rows of Wᵀ (whole columns of W).
        var (units, unitElements, unitsPerPiece) = matMul.Transposed
            ? (n, k, Math.Clamp(PieceElements / k, 1, n))
            : (k, n, quantizer.RowsPerPiece(PieceElements));
        var piece = buffer.Get((long)unitsPerPiece * unitElements);
        for (var first = 0; first < units; first += unitsPerPiece)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = Math.Min(unitsPerPiece, units - first);
            reader.Read(matMul.Weight, (long)first * unitElements, piece.AsSpan(0, count * unitElements));
            if (matMul.Transposed)
                quantizer.AddColumns(first, piece, count);
            else
                quantizer.AddRows(first, piece, count);
        }
        return quantizer.Result();
    }

    /// <summary>One array for every weight's pieces: a fresh 32 MiB array per weight costs page faults and collections.</summary>
    private sealed class PieceBuffer
    {
        private float[] _values = [];

        public float[] Get(long elements)
        {
            if (_values.LongLength < elements)
                _values = new float[elements];
            return _values;
        }
    }

    /// <summary>Swaps each selected MatMul for MatMulNBits in place, keeping the nodes' order, and drops the Transposes only they read.</summary>
    private static void ReplaceMatMuls(GraphProto graph, Plan plan)
    {
        var nodes = graph.Node
            .Where(node => !plan.Selection.Drops(node))
            .Select(node => plan.Selection.Replacement(node) is { } matMul
                ? MatMulNBitsNode.Replacing(node, matMul.Weight.Name, matMul.K, matMul.N, plan.Options, plan.Options.AccuracyLevelFor(plan.Target))
                : node)
            .ToArray();
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
    }

    /// <summary>genai_config.json asking for <paramref name="target"/>: GenAI's builder writes no provider for cpu and <c>{"cuda": {}}</c> for cuda.</summary>
    private static void WriteRetargetedConfig(string path, ExecutionProvider target, Stream stream)
    {
        var config = JsonNode.Parse(File.ReadAllBytes(path))!;
        var decoder = config["model"]!["decoder"]!.AsObject();
        if (decoder["session_options"] is not JsonObject sessionOptions)
            decoder["session_options"] = sessionOptions = new JsonObject();
        sessionOptions["provider_options"] = target == ExecutionProvider.Cuda
            ? new JsonArray(new JsonObject { ["cuda"] = new JsonObject() })
            : new JsonArray();
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        config.WriteTo(writer);
    }
}
