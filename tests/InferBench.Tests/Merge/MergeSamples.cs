using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Merge;

/// <summary>
/// Run folders as machines leave them: runs of the synthetic Llama and the tiny GPT-2 with simulated host facts (an L4 and
/// an H100 instance on AWS, a CPU box off any cloud), written straight into folders.
/// </summary>
internal static class MergeSamples
{
    public const string Llama = "synthetic-llama-small";
    public const string Gpt2 = "tiny-random-gpt2";

    public static HostFacts L4 { get; } = new("Ubuntu 24.04", "X64", "AMD EPYC 7R13", 8, 32L << 30, [new GpuFacts("NVIDIA L4", "550.54.15")],
        new CloudInstance("aws", "g6.xlarge"));

    public static HostFacts H100 { get; } = new("Ubuntu 24.04", "X64", "Intel Xeon Platinum 8488C", 192, 2048L << 30,
        [.. Enumerable.Repeat(new GpuFacts("NVIDIA H100 80GB HBM3", "550.54.15"), 8)], new CloudInstance("aws", "p5.48xlarge"));

    public static HostFacts CpuBox { get; } = new("Ubuntu 24.04", "X64", "AMD EPYC", 2, 24L << 30, []);

    /// <summary>A finished run on <paramref name="host"/> at <paramref name="usdPerHour"/> (none: unpriced), at 50% utilisation.</summary>
    public static RunResult Run(string runId, HostFacts host, double? usdPerHour, params ScenarioResult[] rows)
    {
        var run = ReportSamples.Run(rows);
        return run with
        {
            RunId = runId,
            Host = host,
            Plan = run.Plan with { IntraOpThreads = null, PromptText = null, ProviderOptions = null },
            Cost = run.Cost! with { PriceUsdPerHour = usdPerHour is { } usd ? new CitedFigure(usd, "test price", "2026-12", Provenance.Given) : null },
            State = RunState.Complete,
        };
    }

    /// <summary>A measured row of <paramref name="model"/> (prompt 128, gen 64, 5 repetitions) with the given median decode tok/s.</summary>
    /// <param name="variant">"cuda-int4", "cpu-fp32": the EP and the precision.</param>
    public static ScenarioResult Row(string model, string variant, int batch, double decodeTokensPerSecond, double joulesPerToken = 0.5,
        string energySource = "measured-nvml-counter") =>
        ReportSamples.MeasuredRow(variant, variant.Split('-')[^1], batch, decodeTokensPerSecond, joulesPerToken, energySource) with
        {
            Model = model, ExecutionProvider = variant.Split('-')[0],
        };

    public static ScenarioResult Failed(string model, string variant, int batch, string reason) => ReportSamples.FailedRow() with
    {
        Model = model, Variant = variant, Precision = variant.Split('-')[^1], ExecutionProvider = variant.Split('-')[0], BatchSize = batch,
        Reason = reason,
    };

    /// <summary>Writes <paramref name="run"/>'s run.json into <paramref name="folder"/> (created); returns the folder.</summary>
    public static string Write(string folder, RunResult run)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, RunJson.FileName), RunJson.Serialize(run));
        return folder;
    }
}
