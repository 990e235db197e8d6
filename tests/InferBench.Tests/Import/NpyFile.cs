using System.Text;
using System.Text.RegularExpressions;

namespace InferBench.Tests.Import;

/// <summary>Reads a NumPy .npy file (format 1.0) of little-endian float32 in C order: its shape and values.</summary>
public static partial class NpyFile
{
    public static (int[] Shape, float[] Values) ReadFloat32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes is [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', ..], $"{path}: not a .npy file");
        Assert.Equal(1, bytes[6]);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header);
        Assert.Contains("'fortran_order': False", header);
        var shape = ShapePattern().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var values = new float[shape.Aggregate(1, (product, dimension) => product * dimension)];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * sizeof(float));
        return (shape, values);
    }

    [GeneratedRegex(@"'shape': \(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
