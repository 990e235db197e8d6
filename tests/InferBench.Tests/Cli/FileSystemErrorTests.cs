using InferBench.Cli;
using InferBench.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>A path the user gave that cannot be used is the user's problem: exit 2 with the path and the reason, never "a bug".</summary>
public sealed class FileSystemErrorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        foreach (var folder in Directory.GetDirectories(_temp.Path, "*", SearchOption.AllDirectories).Append(_temp.Path))
        {
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _temp.Dispose();
    }

    private CliRun Run(string outFolder) => CliRun.Invoke("run", "--model-path", _temp.Path, "--prompt-tokens", "8", "--gen-tokens", "4",
        "--batch", "1", "--power", "none", "--fidelity", "false", "--out", outFolder);

    /// <summary>A folder this process cannot write into; null where permissions do not stop it (root, Windows).</summary>
    private string? ReadOnlyFolder(Action<string>? fill = null)
    {
        var folder = Directory.CreateDirectory(_temp.Combine("read-only")).FullName;
        fill?.Invoke(folder);
        if (OperatingSystem.IsWindows())
            return null;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "");
            File.Delete(Path.Combine(folder, "probe"));
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return folder;
        }
    }

    [Fact]
    public void Out_on_a_file_exits_2_naming_the_file()
    {
        var file = _temp.Combine("results.txt");
        File.WriteAllText(file, "not a folder");

        var run = Run(file);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: --out: cannot create a run folder in {file}: {file} is a file, not a folder", run.Error.Trim());
    }

    [Fact]
    public void Out_below_a_file_exits_2_naming_the_file()
    {
        var file = _temp.Combine("results.txt");
        File.WriteAllText(file, "not a folder");

        var run = Run(Path.Combine(file, "runs"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{file} is a file, not a folder", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_out_exits_2(string outFolder)
    {
        var run = Run(outFolder);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"inferbench: --out: expected a folder path, got \"{outFolder}\"", run.Error.Trim());
    }

    [SkippableFact]
    public void Out_on_a_read_only_folder_exits_2_with_the_path_and_the_reason()
    {
        var folder = ReadOnlyFolder();
        Skip.If(folder is null, "permissions do not stop this process from writing (root or Windows)");

        var run = Run(folder!);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"inferbench: --out: cannot create a run folder in {folder}: permission denied or read-only file system", run.Error.Trim());
    }

    private string RunFolderWith(Action<string> damage)
    {
        var folder = Directory.CreateDirectory(_temp.Combine("run")).FullName;
        File.WriteAllText(Path.Combine(folder, RunJson.FileName), RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())));
        damage(folder);
        return folder;
    }

    [Fact]
    public void Report_that_cannot_replace_a_report_file_exits_2_naming_the_folder()
    {
        var folder = RunFolderWith(run => Directory.CreateDirectory(Path.Combine(run, "report.md")));

        var report = CliRun.Invoke("report", folder);

        Assert.Equal(ExitCodes.BadInput, report.ExitCode);
        Assert.StartsWith($"inferbench: cannot write the reports into {folder}: ", report.Error, StringComparison.Ordinal);
        report.AssertNoStackTrace();
    }

    [SkippableFact]
    public void Report_into_a_read_only_folder_exits_2_with_the_reason()
    {
        var readOnly = ReadOnlyFolder(folder =>
            File.WriteAllText(Path.Combine(folder, RunJson.FileName), RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow()))));
        Skip.If(readOnly is null, "permissions do not stop this process from writing (root or Windows)");

        var report = CliRun.Invoke("report", readOnly!);

        Assert.Equal(ExitCodes.BadInput, report.ExitCode);
        Assert.StartsWith($"inferbench: cannot write the reports into {readOnly}: permission denied or read-only file system", report.Error, StringComparison.Ordinal);
    }
}
