namespace InferBench;

/// <summary>Reads a file the user gave us; every failure is an <see cref="InputException"/> naming the file and why.</summary>
public static class InputFile
{
    /// <param name="fileName">How messages name the file.</param>
    /// <param name="readAllText">Reads the file; <see cref="File.ReadAllText(string)"/> unless a test stands in a file it may not read.</param>
    /// <exception cref="InputException">The file is missing, a folder, unreadable (permission denied) or cannot be read.</exception>
    public static string ReadAllText(string fullPath, string fileName, Func<string, string>? readAllText = null)
    {
        // A message names the file once: where the name is the full path already, "at <path>" would only repeat it.
        var at = fileName == fullPath ? "" : $" at {fullPath}";
        if (Directory.Exists(fullPath))
            throw new InputException($"{fileName}: a folder{at}; expected a file");
        if (!File.Exists(fullPath))
            throw new InputException($"{fileName}: file not found{at}");
        try
        {
            return (readAllText ?? File.ReadAllText)(fullPath);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new InputException($"{fileName}: cannot read {fullPath}: permission denied ({exception.Message})");
        }
        catch (IOException exception)
        {
            throw new InputException($"{fileName}: cannot read {fullPath}: {exception.Message}");
        }
    }
}
