using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using InferBench.Results;

namespace InferBench.Serving;

/// <summary>
/// A serving run's lengths file: CSV with a header, one request per line, <c>prompt_tokens,output_tokens</c> and optionally
/// <c>shared_prefix_tokens</c> (the first tokens of that prompt that every request shares). Requests take its lines in turn,
/// from the first again after the last. Every problem names the file, the line and the field, and what was expected.
/// </summary>
public sealed class LengthsFile
{
    public const string PromptColumn = "prompt_tokens";
    public const string OutputColumn = "output_tokens";
    public const string SharedPrefixColumn = "shared_prefix_tokens";

    /// <summary>The most lines a lengths file may have.</summary>
    public const int MaxLines = 10_000_000;

    private LengthsFile(string path, IReadOnlyList<RequestLength> lengths, string sha256)
    {
        Path = path;
        Lengths = lengths;
        Sha256 = sha256;
    }

    /// <summary>The file as given.</summary>
    public string Path { get; }

    /// <summary>Each line's lengths, in the file's order.</summary>
    public IReadOnlyList<RequestLength> Lengths { get; }

    /// <summary>SHA-256 of the file's bytes, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>What run.json records of the file: its ranges, name and hash.</summary>
    public ServingLengths Record => new(
        RequestLengths.FileKind,
        Lengths.Min(l => l.PromptTokens), Lengths.Max(l => l.PromptTokens),
        Lengths.Min(l => l.OutputTokens), Lengths.Max(l => l.OutputTokens),
        Path, Sha256);

    /// <param name="path">The file as the user gave it; messages name it so.</param>
    /// <exception cref="InputException">The file cannot be read, or a line or field is not what is expected.</exception>
    public static LengthsFile Read(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        // One read: the hash recorded is of the very bytes parsed.
        byte[] bytes = [];
        var text = InputFile.ReadAllText(fullPath, path, file =>
        {
            bytes = File.ReadAllBytes(file);
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        });
        return new LengthsFile(path, Parse(text, path), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <param name="fileName">How messages name the file.</param>
    /// <exception cref="InputException">A line or field is not what is expected.</exception>
    public static IReadOnlyList<RequestLength> Parse(string text, string fileName)
    {
        var options = CsvReaderOptions.Default with { TrackLineNumbers = true, FormatProvider = CultureInfo.InvariantCulture };
        try
        {
            using var csv = CsvReader.FromText(text, options);
            var columns = Columns(csv.Headers, fileName);
            var lengths = new List<RequestLength>();
            while (csv.Read())
            {
                if (lengths.Count == MaxLines)
                    throw new InputException($"{fileName}: more than {MaxLines} lines; a lengths file holds at most that many requests");
                lengths.Add(Line(csv, columns, fileName));
            }
            return lengths.Count > 0
                ? lengths
                : throw new InputException($"{fileName}: no lines after the header; expected one line per request ({PromptColumn},{OutputColumn})");
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{fileName}: not readable as CSV ({FirstLine(e.Message)})");
        }
    }

    /// <summary>The header: the two required columns and the optional third, in this order.</summary>
    private static int Columns(IReadOnlyList<string> headers, string fileName)
    {
        string[] two = [PromptColumn, OutputColumn];
        string[] three = [PromptColumn, OutputColumn, SharedPrefixColumn];
        return headers.SequenceEqual(two) ? 2 : headers.SequenceEqual(three) ? 3
            : throw new InputException(
                $"{fileName} line 1: expected the header '{string.Join(',', two)}' or '{string.Join(',', three)}', got '{string.Join(',', headers)}'");
    }

    private static RequestLength Line(CsvReader csv, int columns, string fileName)
    {
        var line = csv.LineNumber;
        if (csv.FieldCount != columns)
            throw new InputException($"{fileName} line {line}: expected {columns} fields, got {csv.FieldCount}");
        var prompt = Field(csv, 0, PromptColumn, ServingPlanRanges.PromptTokens, fileName, line);
        var output = Field(csv, 1, OutputColumn, ServingPlanRanges.OutputTokens, fileName, line);
        var prefix = columns == 3 ? Field(csv, 2, SharedPrefixColumn, ServingPlanRanges.SharedPrefixTokens, fileName, line) : 0;
        return prefix <= prompt
            ? new RequestLength(prompt, output, prefix)
            : throw new InputException($"{fileName} line {line}, field {SharedPrefixColumn}: expected at most the line's {PromptColumn} ({prompt}), got {prefix}");
    }

    private static int Field(CsvReader csv, int index, string column, InputRange range, string fileName, long line)
    {
        var text = csv.GetString(index);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && range.Accepts(value)
            ? value
            : throw new InputException($"{fileName} line {line}, field {column}: expected {range.Expected}, got '{text}'");
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
