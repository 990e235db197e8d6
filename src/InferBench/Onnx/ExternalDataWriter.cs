namespace InferBench.Onnx;

/// <summary>
/// Appends initializers' bytes to an ONNX external data file, each starting on a 4 KiB boundary. Cancellation is
/// checked before each tensor: the data file is most of a model's bytes and time.
/// </summary>
internal sealed class ExternalDataWriter
{
    /// <summary>ONNX Runtime can map a tensor on a page boundary straight from the file.</summary>
    private const int AlignmentBytes = 4096;
    private static readonly byte[] Padding = new byte[AlignmentBytes];
    private readonly Stream _stream;
    private readonly CancellationToken _cancellation;
    private long _position;

    public ExternalDataWriter(Stream stream, CancellationToken cancellation)
    {
        // External data is little-endian; so is every platform .NET runs on today, and we write values as they are in memory.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("writing ONNX external data needs a little-endian machine");
        _stream = stream;
        _cancellation = cancellation;
    }

    public ExternalDataRange Append(ReadOnlySpan<byte> bytes)
    {
        var offset = Begin();
        Write(bytes);
        return End(offset);
    }

    /// <summary>Copies <paramref name="lengthBytes"/> bytes from <paramref name="source"/>'s current position.</summary>
    public ExternalDataRange Append(Stream source, long lengthBytes)
    {
        var offset = Begin();
        var buffer = new byte[1 << 20];
        for (var left = lengthBytes; left > 0;)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
                throw new EndOfStreamException($"external data ended {left} bytes before the tensor's end");
            Write(buffer.AsSpan(0, read));
            left -= read;
        }
        return End(offset);
    }

    /// <summary>Starts a tensor written piece by piece with <see cref="Write"/>; returns its offset, for <see cref="End"/>.</summary>
    public long Begin() => Align();

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _position += bytes.Length;
    }

    /// <summary>The range written since <see cref="Begin"/> returned <paramref name="offset"/>.</summary>
    public ExternalDataRange End(long offset) => new(offset, _position - offset);

    private long Align()
    {
        _cancellation.ThrowIfCancellationRequested();
        var gap = (int)((AlignmentBytes - _position % AlignmentBytes) % AlignmentBytes);
        _stream.Write(Padding, 0, gap);
        _position += gap;
        return _position;
    }
}
