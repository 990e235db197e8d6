namespace InferBench.Tests.Gpu;

/// <summary>
/// A fake GPU instance for the bench-instance scripts: nvidia-smi and ldconfig that report an H100 with CUDA 12 (and,
/// when asked, cuDNN 9), and an inferbench that logs each call, has no power command, and fakes fetch and run; its run
/// can instead wait for a signal, as a long benchmark would.
/// </summary>
internal sealed class InstanceStubs
{
    private readonly string _bin;
    private readonly string _log;
    private readonly string _signals;

    /// <param name="runExitCodeByModel">The fake run's exit code for these models (by --model); <paramref name="runExitCode"/> for the others.</param>
    /// <param name="fetchExitCode">The fake fetch's exit code.</param>
    /// <param name="runWaitsForSignal">The fake run writes its process id to <see cref="SignalLog"/>, then waits until a SIGTERM
    /// (logged there) makes it exit 130, as inferbench does.</param>
    public InstanceStubs(string root, bool cudnnInstalled, int runExitCode = 0, IReadOnlyDictionary<string, int>? runExitCodeByModel = null,
        int fetchExitCode = 0, bool runWaitsForSignal = false)
    {
        var exitCodes = string.Concat((runExitCodeByModel ?? new Dictionary<string, int>()).Select(pair => $"{pair.Key}) code={pair.Value} ;; "));
        _bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        _log = Path.Combine(root, "inferbench-calls.log");
        _signals = Path.Combine(root, "inferbench-signals.log");
        var waitForSignal = runWaitsForSignal
            ? $$"""
                trap "echo 'stopped by TERM' >> '{{_signals}}'; exit 130" TERM
                echo "pid $$" >> '{{_signals}}'
                while :; do sleep 0.1; done
              """
            : "";
        ResultsParent = Path.Combine(root, "results");
        Write("nvidia-smi", "echo 'NVIDIA H100 80GB HBM3, 550.54.15, 81559 MiB, 700.00 W'");
        Write("ldconfig", "echo '\tlibcudart.so.12 (libc6,x86-64) => /usr/local/cuda/lib64/libcudart.so.12'"
            + (cudnnInstalled ? "\necho '\tlibcudnn.so.9 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcudnn.so.9'" : ""));
        Write("fake-inferbench", $$"""
            echo "$*" >> '{{_log}}'
            case "$1" in
              power) echo "Unrecognized command or argument 'power'." >&2; exit 2 ;;
              fetch) echo "/cache/$2"; exit {{fetchExitCode}} ;;
              run)
                {{waitForSignal}}
                while [ "$#" -gt 0 ]; do
                  if [ "$1" = --out ]; then out="$2"; fi
                  if [ "$1" = --model ]; then model="$2"; fi
                  shift
                done
                code={{runExitCode}}
                case "$model" in {{exitCodes}}esac
                mkdir -p "$out/run-$$" && echo '{}' > "$out/run-$$/run.json" && echo "$out/run-$$/run.json"
                exit $code ;;
            esac
            """);
    }

    public string InferBench => Path.Combine(_bin, "fake-inferbench");

    public string ResultsParent { get; }

    public IReadOnlyList<string> InferBenchCalls() => File.Exists(_log) ? File.ReadAllLines(_log) : [];

    /// <summary>What a run that waits for a signal logged: "pid N" when it started, "stopped by TERM" when one stopped it.</summary>
    public IReadOnlyList<string> SignalLog() => File.Exists(_signals) ? File.ReadAllLines(_signals) : [];

    /// <summary>PATH with the stubs first, so they stand in for any real nvidia-smi or ldconfig.</summary>
    public IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["PATH"] = $"{_bin}{Path.PathSeparator}{System.Environment.GetEnvironmentVariable("PATH")}",
    };

    private void Write(string name, string body)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
