using System.Text.RegularExpressions;
using System.Diagnostics;
using System.Globalization;
using InferBench.Tests.Support;

namespace InferBench.Tests.Gpu;

/// <summary>
/// scripts/bench-instance.sh and its PowerShell twin: syntax, lint where the linter is installed, and the whole flow
/// against stand-ins for nvidia-smi, ldconfig and inferbench, so no GPU, .NET install or network is needed.
/// </summary>
public sealed class BenchInstanceScriptTests : IDisposable
{
    private static readonly string BashScript = RepoRoot.Combine("scripts", "bench-instance.sh");
    private static readonly string PowerShellScript = RepoRoot.Combine("scripts", "bench-instance.ps1");

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Require(string tool, string why)
    {
        var path = ExternalTool.Find(tool);
        Skip.If(path is null, $"{tool} is not installed, so {why} was not checked ({tool} not on PATH nor in ~/.dotnet/tools)");
        return path!;
    }

    [Fact]
    public void The_bash_script_parses()
    {
        var result = ExternalTool.Run("bash", ["-n", BashScript]);

        Assert.True(result.ExitCode == 0, result.Error);
    }

    [SkippableFact]
    public void The_bash_script_is_executable_as_the_docker_entrypoint_runs_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "file modes are a Unix matter");

        var executable = !OperatingSystem.IsWindows() && File.GetUnixFileMode(BashScript).HasFlag(UnixFileMode.UserExecute);

        Assert.True(executable, $"chmod +x {BashScript}");
    }

    [SkippableFact]
    public void The_bash_script_passes_shellcheck()
    {
        var result = ExternalTool.Run(Require("shellcheck", "the bash script's lint"), ["--severity=style", BashScript]);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
    }

    [SkippableFact]
    public void The_powershell_script_parses()
    {
        var result = ExternalTool.Run(Require("pwsh", "the PowerShell script's syntax"), ["-NoProfile", "-NonInteractive", "-Command",
            $"$errors = $null; [void][System.Management.Automation.Language.Parser]::ParseFile('{PowerShellScript}', [ref]$null, [ref]$errors); "
            + "$errors | ForEach-Object { $_.ToString() }; exit $errors.Count"]);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
    }

    public static TheoryData<string> Shells() => ["bash", "pwsh"];

    [SkippableTheory]
    [MemberData(nameof(Shells))]
    public void One_command_probes_power_fetches_and_runs_each_model_on_cuda_and_uploads_the_results(string shell)
    {
        var stubs = new InstanceStubs(_temp.Path, cudnnInstalled: true);
        var uploaded = _temp.Combine("uploaded");

        var result = RunScript(shell, stubs, models: ["phi:int4,fp16", "llama"], uploadCommand: $"cp -r {{}} {uploaded}", runArgs: ["--reps", "2"]);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var results = Assert.Single(Directory.GetDirectories(stubs.ResultsParent, "instance-*"));
        Assert.Equal(
        [
            "power probe",
            "fetch phi --variant int4 --variant fp16 --manifest models.manifest.json",
            $"run --manifest models.manifest.json --model phi --variant int4 --variant fp16 --ep cuda --out {results} --json --reps 2",
            "fetch llama --manifest models.manifest.json",
            $"run --manifest models.manifest.json --model llama --ep cuda --out {results} --json --reps 2",
        ], stubs.InferBenchCalls());
        Assert.Contains("inferbench power probe is not available", result.Error);
        Assert.Contains("NVIDIA H100 80GB HBM3, 550.54.15", File.ReadAllText(Path.Combine(results, "instance.txt")));
        Assert.All(["instance.txt", "power-probe.txt", "run-json-paths.txt"], name => Assert.True(File.Exists(Path.Combine(uploaded, name)), $"{name} was not uploaded"));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(results, "run-json-paths.txt")).Length);
    }

    [SkippableTheory]
    [MemberData(nameof(Shells))]
    public void Without_cuDNN_the_script_stops_before_building_or_downloading_anything(string shell)
    {
        var stubs = new InstanceStubs(_temp.Path, cudnnInstalled: false);

        var result = RunScript(shell, stubs, models: ["phi"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cuDNN 9 (libcudnn.so.9) not found", result.Error);
        Assert.Empty(stubs.InferBenchCalls());
    }

    [SkippableTheory]
    [MemberData(nameof(Shells))]
    public void A_failed_run_row_makes_the_script_exit_1_after_every_model_ran(string shell)
    {
        var stubs = new InstanceStubs(_temp.Path, cudnnInstalled: true, runExitCode: 1);

        var result = RunScript(shell, stubs, models: ["phi", "llama"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, stubs.InferBenchCalls().Count(call => call.StartsWith("run ", StringComparison.Ordinal)));
    }

    [SkippableTheory]
    [MemberData(nameof(Shells))]
    public void A_model_with_nothing_measured_is_named_and_the_script_exits_4(string shell)
    {
        var stubs = new InstanceStubs(_temp.Path, cudnnInstalled: true, runExitCodeByModel: new Dictionary<string, int> { ["phi"] = 4 });

        var result = RunScript(shell, stubs, models: ["phi", "llama"]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("nothing was measured for phi on cuda: every row is unsupported or skipped", result.Error);
        Assert.DoesNotContain("nothing was measured for llama", result.Error);
        Assert.Equal(2, stubs.InferBenchCalls().Count(call => call.StartsWith("run ", StringComparison.Ordinal)));
    }

    [SkippableTheory]
    [InlineData("bash", 4, 1, 1)]
    [InlineData("bash", 1, 4, 1)]
    [InlineData("bash", 130, 1, 130)]
    [InlineData("bash", 4, 0, 4)]
    [InlineData("bash", 130, 2, 2)] // README's table: bad input (2) comes before cancelled (130)
    [InlineData("bash", 3, 130, 130)]
    [InlineData("bash", 1, 3, 3)]
    [InlineData("pwsh", 4, 1, 1)]
    [InlineData("pwsh", 130, 4, 130)]
    [InlineData("pwsh", 130, 2, 2)]
    [InlineData("pwsh", 1, 3, 3)]
    public void The_script_exits_with_the_most_urgent_run_exit_code_in_the_readme_precedence(string shell, int first, int second, int expected)
    {
        var stubs = new InstanceStubs(_temp.Path, cudnnInstalled: true, runExitCodeByModel: new Dictionary<string, int> { ["phi"] = first, ["llama"] = second });

        var result = RunScript(shell, stubs, models: ["phi", "llama"]);

        Assert.Equal(expected, result.ExitCode);
    }

    [SkippableTheory]
    [InlineData("bash", 2, 2)]
    [InlineData("bash", 130, 130)]
    [InlineData("bash", 1, 1)]
    [InlineData("bash", 3, 3)]
    [InlineData("pwsh", 2, 2)]
    [InlineData("pwsh", 130, 130)]
    [InlineData("pwsh", 1, 1)]
    public void A_fetch_exit_code_of_2_or_130_passes_through_and_only_a_failed_download_says_to_resume(string shell, int fetchExit, int expected)
    {
        var stubs = new InstanceStubs(_temp.Path, cudnnInstalled: true, fetchExitCode: fetchExit);

        var result = RunScript(shell, stubs, models: ["phi", "llama"]);

        Assert.Equal(expected, result.ExitCode);
        Assert.DoesNotContain(stubs.InferBenchCalls(), call => call.StartsWith("run ", StringComparison.Ordinal));
        if (fetchExit is 1 or 130)
            Assert.Contains("run the same command again to resume", result.Error);
        else
            Assert.DoesNotContain("resume", result.Error);
    }

    [SkippableTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void A_signal_to_the_script_reaches_inferbench_which_the_script_waits_for_then_exits_130(string signal)
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX signals");
        var stubs = new InstanceStubs(_temp.Path, cudnnInstalled: true, runWaitsForSignal: true);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in BashArguments(stubs, models: ["phi", "llama"]))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in stubs.Environment())
            start.Environment[name] = value;
        using var script = Process.Start(start)!;
        var error = script.StandardError.ReadToEndAsync();
        int? runPid = null;
        try
        {
            runPid = WaitFor(() => stubs.SignalLog().FirstOrDefault(line => line.StartsWith("pid ", StringComparison.Ordinal)) is { } line
                ? int.Parse(line[4..], CultureInfo.InvariantCulture)
                : null);

            Assert.Equal(0, ExternalTool.Run("kill", [$"-{signal}", script.Id.ToString(CultureInfo.InvariantCulture)]).ExitCode);

            Assert.True(script.WaitForExit(TimeSpan.FromSeconds(30)), "the script did not exit after the signal");
            Assert.Equal(130, script.ExitCode);
            Assert.Contains("stopped by TERM", stubs.SignalLog());
            Assert.False(IsRunning(runPid.Value), "inferbench was left running");
            Assert.Contains($"SIG{signal} received", error.Result);
            Assert.Single(stubs.InferBenchCalls(), call => call.StartsWith("run ", StringComparison.Ordinal));
        }
        finally
        {
            // Before the fix the run was orphaned: end it, and the script if it hangs, by their own process ids.
            if (runPid is { } pid && IsRunning(pid))
                ExternalTool.Run("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
            if (!script.HasExited)
                script.Kill();
        }
    }

    [Fact]
    public void The_scripts_the_readme_and_the_gpu_guide_give_one_exit_code_order_the_readme_tables()
    {
        static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        var readme = Flat(File.ReadAllText(RepoRoot.Combine("README.md")));
        var gpu = Flat(File.ReadAllText(RepoRoot.Combine("docs", "gpu.md")));
        const string Ranking = "# Rank of an inferbench run exit code in README.md's exit-code table (higher wins): 2, 130, then 3 and unknown codes";

        var table = readme[readme.IndexOf("| exit code | meaning |", StringComparison.Ordinal)..];
        var tableOrder = string.Join(",", Regex.Matches(table, @"\| `([0-9]+)` \|").Take(6).Select(match => match.Groups[1].Value));
        Assert.Equal("2,130,1,4,0,3", tableOrder);
        Assert.Contains("over several models it exits with the code that comes first in this table (`2`, `130`, `1`, `4`, `0`), with `3` (or any other code) ranked after `130`", readme);
        Assert.Contains("in the order of README.md's exit-code table: 2 bad usage or input", gpu);
        Assert.Contains(Ranking, File.ReadAllText(BashScript));
        Assert.Contains(Ranking, File.ReadAllText(PowerShellScript));
        Assert.Contains("(over all models, the first that applies, in README.md's order): 2 bad usage or input", Flat(File.ReadAllText(BashScript)));
        Assert.Contains("docker run --rm --gpus all --stop-timeout 120", gpu);
        Assert.Contains("The entrypoint is therefore `tini`", gpu);
    }

    private static int WaitFor(Func<int?> value)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (value() is { } found)
                return found;
            Thread.Sleep(50);
        }
        throw new TimeoutException("the fake inferbench run did not start within 30 s");
    }

    private static bool IsRunning(int pid) => ExternalTool.Run("kill", ["-0", pid.ToString(CultureInfo.InvariantCulture)]).ExitCode == 0;

    private static string[] BashArguments(InstanceStubs stubs, string[] models) =>
        [BashScript, "--inferbench", stubs.InferBench, "--models", string.Join(' ', models), "--out", stubs.ResultsParent];

    private ExternalTool RunScript(string shell, InstanceStubs stubs, string[] models, string? uploadCommand = null, string[]? runArgs = null)
    {
        var environment = stubs.Environment();
        if (shell == "bash")
        {
            var arguments = BashArguments(stubs, models);
            if (uploadCommand is not null)
                arguments = [.. arguments, "--upload-cmd", uploadCommand];
            return ExternalTool.Run("bash", runArgs is null ? arguments : [.. arguments, "--", .. runArgs], environment);
        }
        var pwsh = Require("pwsh", "the PowerShell script's flow");
        static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
        var command = $"& {Quote(PowerShellScript)} -InferBench {Quote(stubs.InferBench)} -Models {string.Join(',', models.Select(Quote))} -Out {Quote(stubs.ResultsParent)}"
            + (uploadCommand is null ? "" : $" -UploadCmd {Quote(uploadCommand)}")
            + (runArgs is null ? "" : $" -RunArgs {string.Join(',', runArgs.Select(Quote))}")
            + "; exit $LASTEXITCODE";
        return ExternalTool.Run(pwsh, ["-NoProfile", "-NonInteractive", "-Command", command], environment);
    }
}
