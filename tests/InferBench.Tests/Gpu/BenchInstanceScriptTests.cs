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
    [InlineData("pwsh", 4, 1, 1)]
    [InlineData("pwsh", 130, 4, 130)]
    public void The_script_exits_with_the_most_urgent_run_exit_code_in_the_readme_precedence(string shell, int first, int second, int expected)
    {
        var stubs = new InstanceStubs(_temp.Path, cudnnInstalled: true, runExitCodeByModel: new Dictionary<string, int> { ["phi"] = first, ["llama"] = second });

        var result = RunScript(shell, stubs, models: ["phi", "llama"]);

        Assert.Equal(expected, result.ExitCode);
    }

    private ExternalTool RunScript(string shell, InstanceStubs stubs, string[] models, string? uploadCommand = null, string[]? runArgs = null)
    {
        var environment = stubs.Environment();
        if (shell == "bash")
        {
            string[] arguments = [BashScript, "--inferbench", stubs.InferBench, "--models", string.Join(' ', models), "--out", stubs.ResultsParent];
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
