using System.Diagnostics;
using System.Numerics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Forecast;

/// <summary>
/// This machine's peak rates, measured in a few seconds: memory read bandwidth with a STREAM-like sum over an array far
/// larger than the caches on every core, and the FP32 GEMM rate of ONNX Runtime's own MatMul kernel (MLAS, the kernel
/// the CPU execution provider runs), each the best of several passes.
/// </summary>
public static class CpuPeakProbe
{
    private const int ReadArrayBytes = 256 << 20;
    private const int ReadPasses = 8;
    private const int GemmSize = 1024;
    private const int GemmPasses = 10;

    public static CpuPeakMeasurement Measure(CancellationToken cancellation)
    {
        var bandwidth = ReadBandwidthBytesPerSecond(cancellation);
        var flops = GemmFlopsPerSecond(cancellation);
        return new CpuPeakMeasurement(bandwidth, flops,
            $"measured: sum of a {ReadArrayBytes >> 20} MiB float array on {Environment.ProcessorCount} threads (best of {ReadPasses}); ONNX Runtime CPU MatMul fp32 {GemmSize}x{GemmSize}x{GemmSize} (best of {GemmPasses})");
    }

    private static double ReadBandwidthBytesPerSecond(CancellationToken cancellation)
    {
        var values = new float[ReadArrayBytes / sizeof(float)];
        Array.Fill(values, 1f);
        var threads = Environment.ProcessorCount;
        var chunk = values.Length / threads / Vector<float>.Count * Vector<float>.Count;
        var sums = new float[threads];
        var best = 0.0;
        for (var pass = 0; pass < ReadPasses; pass++)
        {
            cancellation.ThrowIfCancellationRequested();
            var stopwatch = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
            {
                var span = values.AsSpan(thread * chunk, chunk);
                var accumulator = Vector<float>.Zero;
                for (var i = 0; i < span.Length; i += Vector<float>.Count)
                    accumulator += new Vector<float>(span[i..]);
                sums[thread] = Vector.Sum(accumulator);
            });
            stopwatch.Stop();
            best = Math.Max(best, (double)chunk * threads * sizeof(float) / stopwatch.Elapsed.TotalSeconds);
        }
        // The sums are checked so the loads cannot be optimised away.
        if (sums.Sum() != (float)chunk * threads)
            throw new InvalidOperationException("the bandwidth probe's sum is wrong");
        return best;
    }

    private static double GemmFlopsPerSecond(CancellationToken cancellation)
    {
        using var options = new SessionOptions();
        using var session = new InferenceSession(MatMulModel().ToByteArray(), options);
        var a = new float[GemmSize * GemmSize];
        var b = new float[GemmSize * GemmSize];
        var random = new Random(1);
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)random.NextDouble();
            b[i] = (float)random.NextDouble();
        }
        long[] shape = [GemmSize, GemmSize];
        using var aValue = OrtValue.CreateTensorValueFromMemory(a, shape);
        using var bValue = OrtValue.CreateTensorValueFromMemory(b, shape);
        using var runOptions = new RunOptions();
        var best = 0.0;
        for (var pass = 0; pass <= GemmPasses; pass++)
        {
            cancellation.ThrowIfCancellationRequested();
            var stopwatch = Stopwatch.StartNew();
            using var outputs = session.Run(runOptions, ["a", "b"], [aValue, bValue], ["y"]);
            stopwatch.Stop();
            // The first pass is a warmup (it packs and allocates).
            if (pass > 0)
                best = Math.Max(best, 2.0 * GemmSize * GemmSize * GemmSize / stopwatch.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static ModelProto MatMulModel()
    {
        var graph = new GraphProto { Name = "gemm_probe" };
        graph.Input.Add(Matrix("a"));
        graph.Input.Add(Matrix("b"));
        graph.Output.Add(Matrix("y"));
        var node = new NodeProto { OpType = "MatMul", Name = "gemm" };
        node.Input.Add("a");
        node.Input.Add("b");
        node.Output.Add("y");
        graph.Node.Add(node);
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "InferBench" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }

    private static ValueInfoProto Matrix(string name)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = new TensorShapeProto() };
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = GemmSize });
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = GemmSize });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
