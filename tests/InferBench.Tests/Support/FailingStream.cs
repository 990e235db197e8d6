namespace InferBench.Tests.Support;

/// <summary>A file stream that throws once more than <paramref name="bytesBeforeFailure"/> bytes have been written: a full disk.</summary>
public sealed class FailingStream(string path, long bytesBeforeFailure, Exception failure) : Stream
{
    private readonly FileStream _file = new(path, FileMode.CreateNew, FileAccess.Write);
    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_written + buffer.Length > bytesBeforeFailure)
            throw failure;
        _file.Write(buffer);
        _written += buffer.Length;
    }

    public override void Flush() => _file.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _file.Dispose();
        base.Dispose(disposing);
    }
}
