using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace InferBench.Tests.Reports;

/// <summary>
/// The pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's screenshots are), decoded with the
/// framework's zlib alone, so the browser test can check what was drawn.
/// </summary>
internal sealed class PngImage
{
    private readonly byte[] _pixels;
    private readonly int _bytesPerPixel;

    private PngImage(int width, int height, int bytesPerPixel, byte[] pixels) =>
        (Width, Height, _bytesPerPixel, _pixels) = (width, height, bytesPerPixel, pixels);

    public int Width { get; }
    public int Height { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * _bytesPerPixel;
            return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
        }
    }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var (width, height, bytesPerPixel) = (0, 0, 0);
        using var compressed = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                bytesPerPixel = (data[8], data[9], data[12]) switch
                {
                    (8, 2, 0) => 3,
                    (8, 6, 0) => 4,
                    var other => throw new NotSupportedException($"PNG bit depth, colour type, interlace {other}"),
                };
            }
            else if (type == "IDAT")
                compressed.Write(data);
            offset += 12 + length;
        }
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        return new PngImage(width, height, bytesPerPixel, Unfilter(inflated.ToArray(), width, height, bytesPerPixel));
    }

    private static byte[] Unfilter(byte[] filtered, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = filtered[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int raw = filtered[y * (stride + 1) + 1 + x];
                int left = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int upLeft = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                pixels[y * stride + x] = (byte)(raw + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
