using System.Diagnostics;
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
        Assert.StartsWith($"inferbench: --out: expected a value (a path, a name or text), got {(outFolder.Length == 0 ? "an empty string" : "only whitespace")}", run.Error);
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
        Assert.StartsWith($"inferbench: run-folder: cannot write the reports into {folder}: ", report.Error, StringComparison.Ordinal);
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

    [Fact]
    public void An_input_file_that_may_not_be_read_is_bad_input_with_its_path_and_permission_denied()
    {
        var file = _temp.Combine(RunJson.FileName);
        File.WriteAllText(file, "{}");

        var error = Assert.Throws<InputException>(() => InputFile.ReadAllText(file, RunJson.FileName,
            path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.")));

        Assert.StartsWith($"run.json: cannot read {file}: permission denied", error.Message);
    }

    [Fact]
    public void Permission_denied_reaching_the_top_is_the_users_to_fix_exit_2_not_a_bug()
    {
        var error = new StringWriter();

        var exitCode = InferBenchCli.Report(new UnauthorizedAccessException("Access to the path '/data/run.json' is denied."), error);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("inferbench: permission denied: Access to the path '/data/run.json' is denied.", error.ToString().Trim());
    }

    /// <summary>Root reads every file, so the real check runs the built CLI as nobody where the tests run as root.</summary>
    [SkippableTheory]
    [InlineData("report", "{0}")]
    [InlineData("compare", "{0}", "{0}")]
    [InlineData("cost", "--run", "{0}", "--price-per-hour", "1")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_run_json_the_user_may_not_read_exits_2_with_its_path_and_permission_denied(params string[] args)
    {
        Skip.If(!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/sbin/runuser"), "needs root and runuser to read as another user");
        var folder = Directory.CreateDirectory(_temp.Combine("run")).FullName;
        var file = Path.Combine(folder, RunJson.FileName);
        File.WriteAllText(file, RunJson.Serialize(ReportSamples.Run(ReportSamples.OkRow())));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        const UnixFileMode traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_temp.Path, traversable);
        File.SetUnixFileMode(folder, traversable);
        var start = new ProcessStartInfo("/usr/sbin/runuser") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-u", "nobody", "--", Path.Combine(AppContext.BaseDirectory, "InferBench.Cli"), .. args.Select(arg => string.Format(arg, folder))])
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(ExitCodes.BadInput, process.ExitCode);
        Assert.StartsWith($"inferbench: run.json: cannot read {file}: permission denied", error.Result);
    }
}
