using System.Diagnostics;

namespace InferBench.Tests.Support;

/// <summary>Runs a program the tests do not ship (bash, shellcheck, pwsh) with a time limit, capturing what it prints.</summary>
internal sealed record ExternalTool(int ExitCode, string Out, string Error)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The program's full path on PATH (or in ~/.dotnet/tools, where `dotnet tool install -g` puts pwsh); null when absent.</summary>
    public static string? Find(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return folders.Where(folder => folder.Length > 0).Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }

    public static ExternalTool Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {Limit.TotalSeconds} s");
        }
        return new ExternalTool(process.ExitCode, output.Result, error.Result);
    }
}
