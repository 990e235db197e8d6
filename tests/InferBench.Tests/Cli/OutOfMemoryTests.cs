using InferBench.Cli;
using InferBench.Engines;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>
/// A batch that does not fit in memory, for real: the built CLI runs under an address-space limit (RLIMIT_AS, through
/// util-linux's prlimit), so ONNX Runtime's allocation fails with std::bad_alloc as it would on a full machine. A cgroup
/// memory limit would kill the process instead, which is not what a sweep meets when one allocation is too large. The
/// product runs in one process; this harness only limits that process, so the path under test is the one users run.
/// </summary>
public sealed class OutOfMemoryTests : IDisposable
{
    // The tiny synthetic model with a 262,144-token vocabulary: prefill of 480 tokens makes logits of 480 x 262144 x 4 bytes
    // = 503 MB per sequence, which ONNX Runtime holds about twice. Under the settings below, batch 1 needed 2.65 GiB of
    // address space here and batch 2 3.25 GiB (measured 2026-12-03 with --threads 1), so 2.95 GiB lets batch 1 run and
    // makes batch 2's allocation fail, with 0.3 GiB to spare each way.
    private const long AddressSpaceBytes = 2950L * 1024 * 1024;
    private const int PromptTokens = 480;

    // One malloc arena and a fixed GC heap limit keep the process's address space small and the same on any core count:
    // without them glibc reserves an arena per thread and .NET's GC reserves address space by the machine's memory.
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["MALLOC_ARENA_MAX"] = "1",
        ["DOTNET_GCHeapHardLimit"] = "0x10000000",
        ["CI"] = "1",
    };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task A_batch_that_does_not_fit_is_an_unsupported_row_that_ends_the_batch_sweep_and_the_sweep_goes_on()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/bin/prlimit"), "needs Linux and prlimit (util-linux) to set RLIMIT_AS");
        var model = _temp.Combine("wide-vocab");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny with { VocabSize = 262_144, ContextLength = 512 }, model);
        var results = _temp.Combine("results");

        using var child = ChildCli.StartUnder(["/usr/bin/prlimit", $"--as={AddressSpaceBytes}"], Environment,
            "run", "--model-path", model, "--batch", "auto", "--prompt-tokens", $"{PromptTokens},16", "--gen-tokens", "4",
            "--warmup", "0", "--reps", "1", "--threads", "1", "--max-batch", "4", "--fidelity", "false", "--power", "none",
            "--idle-seconds", "0", "--out", results);
        var run = await child.ExitAsync();

        Assert.True(run.ExitCode == ExitCodes.AllOk, $"exit {run.ExitCode}: {run.Error}");
        var folder = Assert.Single(Directory.GetDirectories(results));
        var rows = RunJson.Deserialize(File.ReadAllText(Path.Combine(folder, "run.json")), "run.json").Results;
        var wide = rows.Where(r => r.PromptTokens == PromptTokens).ToList();
        Assert.Equal([(1, ResultStatus.Ok), (2, ResultStatus.Unsupported)], wide.Select(r => (r.BatchSize, r.Status)));
        Assert.StartsWith(FailureReasons.OutOfMemory, wide[1].Reason);
        Assert.Contains("std::bad_alloc", wide[1].Reason);
        Assert.Equal(BatchStopReason.OutOfMemory, wide[1].BatchStop!.Reason);
        // The next workload runs after the failed allocation, in the same process and on the same loaded model.
        var narrow = rows.Where(r => r.PromptTokens == 16).ToList();
        Assert.Equal([(1, ResultStatus.Ok), (2, ResultStatus.Ok), (4, ResultStatus.Ok)], narrow.Select(r => (r.BatchSize, r.Status)));
        Assert.Contains(narrow[^1].BatchStop!.Reason, new[] { BatchStopReason.MaxBatch, BatchStopReason.ThroughputFlat });
    }
}
