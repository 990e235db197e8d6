using System.Text;
using Parquet;
using Parquet.Schema;

namespace InferBench.Fetch;

/// <summary>
/// A Hub dataset's text: a parquet file with a UTF-8 string column. Read here so that a fetch checks what it got before
/// calling it verified (a dataset with no public SHA-256 has nothing else to be checked against), and quality on text
/// reads it the same way.
/// </summary>
public static class ParquetTextFile
{
    /// <summary>
    /// Every row of <paramref name="column"/>, concatenated as they are (WikiText's raw rows are its lines with their own
    /// line breaks, so this gives back the raw file llama.cpp reads). Null rows are skipped.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a parquet file, no string column of that name, or no text in it; the message names the file.</exception>
    public static string Read(string path, string column)
    {
        string text;
        try
        {
            RequireParquetFrame(path);
            text = ReadAsync(path, column).GetAwaiter().GetResult();
        }
        // A damaged footer makes the reader fail in many ways (a negative length overflows, a bad Thrift field is out of range).
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException
                                      or OverflowException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"{path} cannot be read as a parquet file with a text column \"{column}\": {e.Message}", e);
        }
        return string.IsNullOrWhiteSpace(text)
            ? throw new InvalidDataException($"{path}: its text column \"{column}\" holds no text")
            : text;
    }

    /// <summary>
    /// "PAR1" at both ends and a footer length that fits the file, checked before the reader allocates the footer:
    /// a length of 2^31 - 1 in a damaged file would otherwise be allocated as it says.
    /// </summary>
    private static void RequireParquetFrame(string path)
    {
        const int magicBytes = 4;
        using var file = File.OpenRead(path);
        var head = new byte[magicBytes];
        var tail = new byte[magicBytes + sizeof(int)];
        if (file.Length < 2 * magicBytes + sizeof(int) || file.Read(head) != magicBytes)
            throw new InvalidDataException($"{file.Length} bytes is too short for a parquet file");
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        var footerBytes = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (!head.AsSpan().SequenceEqual("PAR1"u8) || !tail.AsSpan(sizeof(int)).SequenceEqual("PAR1"u8))
            throw new InvalidDataException("it does not start and end with PAR1");
        if (footerBytes <= 0 || footerBytes > file.Length - 2 * magicBytes - sizeof(int))
            throw new InvalidDataException($"its footer length {footerBytes} does not fit its {file.Length} bytes");
    }

    private static async Task<string> ReadAsync(string path, string column)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var field = reader.Schema.GetDataFields().FirstOrDefault(f => f.Name == column && IsText(f))
            ?? throw new InvalidDataException(
                $"its columns are {string.Join(", ", reader.Schema.GetDataFields().Select(f => $"{f.Name} ({(IsText(f) ? "text" : f.ClrType.Name)})"))}");
        var text = new StringBuilder();
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rows = reader.OpenRowGroupReader(group);
            var values = new string?[rows.RowCount];
            await rows.ReadAsync(field, values.AsMemory(), null);
            foreach (var value in values)
                text.Append(value);
        }
        return text.ToString();
    }

    /// <summary>A UTF-8 string column (Parquet.Net 6 reports it as ReadOnlyMemory&lt;char&gt;).</summary>
    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);
}
