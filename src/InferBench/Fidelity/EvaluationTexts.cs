using System.Security.Cryptography;
using System.Text;
using InferBench.Fetch;

namespace InferBench.Fidelity;

/// <summary>Where the evaluation text comes from: a UTF-8 file the user gives, or a fetched Hub dataset (parquet, column "text").</summary>
public static class EvaluationTexts
{
    public const string TextColumn = HubDataset.TextColumn;

    /// <summary>Any UTF-8 text file (--quality-text); a byte-order mark is dropped.</summary>
    /// <param name="field">The library's name of the input, for the message.</param>
    /// <exception cref="InputFieldException">The file is missing, unreadable, not UTF-8 or holds no text.</exception>
    public static EvaluationText FromFile(string path, string field)
    {
        var fullPath = Path.GetFullPath(path);
        var bytes = ReadBytes(fullPath, field);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputFieldException([field], $"{fullPath} is not UTF-8 text: byte {e.Index} is not valid UTF-8");
        }
        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
            throw new InputFieldException([field], $"{fullPath} holds no text to measure quality on");
        return new EvaluationText(text, Path.GetFileName(fullPath), fullPath, null, null, Convert.ToHexStringLower(SHA256.HashData(bytes)), null);
    }

    /// <summary>The dataset's text when a finished fetch of it is in <paramref name="cache"/>.</summary>
    /// <exception cref="QualityUnavailableException">It was not fetched, or the file is not a parquet file with a string column "text".</exception>
    public static EvaluationText FromCache(HubDataset dataset, FetchCache cache)
    {
        if (dataset.InCache(cache) is not { } found)
            throw new QualityUnavailableException(
                $"the evaluation text ({dataset.Name}, {dataset.Repo}) is not downloaded in {cache.Root}: run `inferbench fetch {dataset.Id}` where the Hub can be reached, or give {CommandOptions.QualityText}");
        return new EvaluationText(ParquetText(found.FilePath), dataset.Name, dataset.Repo, dataset.Revision, dataset.PathInRepo, found.Fetched.Sha256, dataset.Licence);
    }

    /// <summary>The text column of a fetched dataset file (<see cref="ParquetTextFile"/>).</summary>
    /// <exception cref="QualityUnavailableException">Not a parquet file, no string column "text", or no text in it.</exception>
    public static string ParquetText(string path)
    {
        try
        {
            return ParquetTextFile.Read(path, TextColumn);
        }
        catch (InvalidDataException e)
        {
            throw new QualityUnavailableException(e.Message);
        }
    }

    private static byte[] ReadBytes(string fullPath, string field)
    {
        if (!File.Exists(fullPath))
            throw new InputFieldException([field], Directory.Exists(fullPath) ? $"{fullPath} is a folder; expected a UTF-8 text file" : $"file not found at {fullPath}");
        try
        {
            return File.ReadAllBytes(fullPath);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputFieldException([field], $"cannot read {fullPath}: permission denied");
        }
        catch (IOException e)
        {
            throw new InputFieldException([field], $"cannot read {fullPath}: {e.Message}");
        }
    }
}
