using InferBench.Results;

namespace InferBench.Tests.Support;

/// <summary>Results to export: every value distinct, so a value in the wrong column shows.</summary>
internal static class ReportSamples
{
    public const long MebibyteBytes = 1024 * 1024;

    /// <summary>A measured point with every optional field set.</summary>
    public static ScenarioResult OkRow(string? reason = null) => new()
    {
        Model = "phi-3-mini",
        Variant = "cpu-int4-rtn-block-32",
        Precision = "int4",
        ExecutionProvider = "cpu",
        ModelPath = "/models/phi-3-mini/cpu-int4-rtn-block-32",
        BatchSize = 1,
        PromptTokens = 128,
        GenTokens = 64,
        Status = ResultStatus.Ok,
        Reason = reason,
        LoadSeconds = 3.2,
        ResidentMemoryAfterLoadBytes = 1536 * MebibyteBytes,
        PeakMemoryBytes = 2048 * MebibyteBytes + 409_600, // 2048.390625 MiB
        Metrics = new ScenarioMetrics(
            TimeToFirstTokenMilliseconds: Statistics(5, median: 123.4567891),
            PrefillTokensPerSecond: Statistics(5, median: 1000.24),
            DecodeTokensPerSecond: Statistics(5, median: 45.52),
            InterTokenLatencyMilliseconds: Statistics(315, median: 21.74),
            EndToEndSeconds: Statistics(5, median: 2.874)),
        Repetitions =
        [
            new RepetitionSample(RepetitionPhase.Warmup, 1, 3, 0.11, 0.13, 0.05, 0.18, [2.5, 2.25],
                new PhaseEnergy("ok", 13.1), new PhaseEnergy("ok", 6.4)),
            new RepetitionSample(RepetitionPhase.Measured, 1, 3, 0.1, 0.12, 0.04, 0.16, [2.0, 1.75],
                new PhaseEnergy("ok", 12.8), new PhaseEnergy("too-short", null)),
        ],
        Energy = new ScenarioEnergy("measured-nvml-counter", "ok", "cross-check within 2%", Generations: 5,
            WindowSeconds: 14.37, Joules: 4312.5, AverageWatts: 300.1, PeakWatts: 342.7, JoulesPerGeneratedToken: 13.48,
            NetJoulesPerGeneratedToken: 9.87, PrefillJoulesPerPromptToken: 0.1, DecodeJoulesPerGeneratedToken: 0.2,
            LoadJoules: 520.4, Throttled: false,
            Devices: [new DeviceState("NVIDIA H100 80GB HBM3", 1980, 2619, 700, 61, ["PowerCap"])],
            CrossCheckRelativeDifference: 0.021, CrossCheckDisagrees: false),
        Fidelity = new ScenarioFidelity("cpu-fp32", 0.0012, 0.0034, 0.845, -0.021, 1024,
            new TokenDistribution(0.0012, 0.000087, -0.0000021, 0.41, Percentiles(KlPercents, [-0.000001, 0.0000032, 0.000011, 0.000024, 0.00031, 0.0021, 0.0026, 0.0034, 0.052])),
            Top1AgreementStandardError: 0.0113,
            TokenProbabilityDelta: new TokenDistribution(-0.00123, 0.00045, -0.31, 0.12,
                Percentiles(DeltaPercents, [-0.21, -0.052, -0.011, -0.0042, -0.0003, 0, 0.0002, 0.0031, 0.0088, 0.041, 0.097])),
            TokenProbabilityDeltaRms: 0.0142, TokenProbabilityDeltaRmsStandardError: 0.0011),
        // Every property set for the round trip; a measured row has a perplexity or an unavailable reason, not both.
        Quality = new ScenarioQuality(QualityMethod.Text, 7.41, "cpu-fp32", 7.12, 1024, 512, 256, "quality unavailable: sample",
            PerplexityStandardError: 0.0523, ReferencePerplexityStandardError: 0.0498, LnPerplexityRatio: 0.0399, LnPerplexityRatioStandardError: 0.0017,
            PerplexityRatio: 1.0407, PerplexityRatioStandardError: 0.00177, LnPerplexityCorrelation: 0.9934, BosTokenId: 1),
        RepetitionStop = new RepetitionStop(RepetitionStopReason.MaxReps, 5, 3.125, 0.25, 2),
        Gpu = new GpuPointState(
            new SteadyStateRecord(SteadyStateOutcome.TimeCap, 60.4, 121, 0.82, 0.31, 612.5, 74, "still warming"),
            AtStart: [new DeviceState("NVIDIA H100 80GB HBM3", 1980, 2619, 700, 74, ["PowerCap"])],
            AtEnd: [new DeviceState("NVIDIA H100 80GB HBM3", 1755, 2619, 700, 83, ["PowerCap", "SoftwareThermal"])]),
    };

    /// <summary>A point that broke before anything was measured; its reason needs escaping in Markdown.</summary>
    public static ScenarioResult FailedRow() => new()
    {
        Model = "phi-3-mini",
        Variant = "cuda-fp16",
        Precision = "fp16",
        ExecutionProvider = "cuda",
        BatchSize = 1,
        PromptTokens = 128,
        GenTokens = 64,
        Status = ResultStatus.Failed,
        Reason = "CUDA error: out of memory | allocating 2 GiB",
    };

    /// <summary>One measured repetition: standard deviations and confidence intervals are NaN.</summary>
    public static ScenarioResult SingleRepetitionRow() => new()
    {
        Model = "phi-3-mini",
        Variant = "cpu-fp32",
        Precision = "fp32",
        ExecutionProvider = "cpu",
        BatchSize = 4,
        PromptTokens = 512,
        GenTokens = 2,
        Status = ResultStatus.Ok,
        LoadSeconds = 1.25,
        Metrics = new ScenarioMetrics(
            TimeToFirstTokenMilliseconds: SingleSample(80),
            PrefillTokensPerSecond: SingleSample(25600),
            DecodeTokensPerSecond: SingleSample(400),
            InterTokenLatencyMilliseconds: SingleSample(2.5),
            EndToEndSeconds: SingleSample(0.0825)),
        Repetitions = [new RepetitionSample(RepetitionPhase.Measured, 1, 2, 0.08, 0.08, 0.0025, 0.0825, [2.5])],
    };

    public static RunResult Run(params ScenarioResult[] results) => new()
    {
        RunId = "20251125-132800-a1b2c3",
        StartedUtc = new DateTimeOffset(2025, 11, 25, 13, 28, 0, TimeSpan.Zero),
        FinishedUtc = new DateTimeOffset(2025, 11, 25, 13, 41, 30, TimeSpan.Zero),
        CommandLine = "inferbench run --models models.json --prompt-tokens 128 --gen-tokens 64",
        Plan = new RunPlanRecord([128, 512], [2, 64], [1, 4], 1, 5, 8, 42, ExecutionProvider.Cuda, "Once upon a time", [new ProviderOption("enable_cuda_graph", "1")],
            SteadyState: new SteadyStatePlan(MaxSeconds: 60, WindowSeconds: 10, PowerSlopePercentPerSecond: 0.5, TemperatureSlopeCelsiusPerSecond: 0.1)),
        Host = new HostFacts("Ubuntu 24.04.1 LTS", "X64", "AMD EPYC 9654", 16, 128L * 1024 * MebibyteBytes,
            [new GpuFacts("NVIDIA H100 80GB HBM3", "550.54.15")], new CloudInstance("aws", "p5.48xlarge")),
        Software = new SoftwareVersions("10.0.0", "0.18.0", "1.22.0", "0.1.0", "abc1234"),
        Power = new PowerSetup("measured-nvml-counter", "NVML total energy counter", ["whole board"], UnavailableReason: "rapl: missing",
            IdleSeconds: 2, IdleWattsBefore: 71.5, IdleWattsAfter: 74.25, Devices: ["NVIDIA H100 80GB HBM3"],
            IdleSecondsBefore: 2.0004, IdleSecondsAfter: 2.0003),
        Cost = new CostSetup(
            PriceUsdPerHour: new CitedFigure(3.99, "Lambda on-demand H100 SXM", "2026-06", Provenance.Recalled),
            Utilization: new CitedFigure(0.5, "capacity plan", "2026-11", Provenance.Given),
            ElectricityUsdPerKilowattHour: new CitedFigure(0.127, "EIA commercial average", "2024", Provenance.Recalled),
            Pue: new CitedFigure(1.58, "Uptime Institute survey", "2023", Provenance.Recalled),
            GridGramsCo2PerKilowattHour: new CitedFigure(367, "EIA", "2023", Provenance.Verified)),
        Results = results,
    };

    /// <summary>A run in which every property of every type is set (the ok row carries a note).</summary>
    public static RunResult CompleteRun()
    {
        var run = Run(OkRow(reason: "partial: 3 of 5 measured repetitions") with { Targets = Verdict, BatchStop = Stop }, FailedRow(),
            SingleRepetitionRow() with { Round = 2 });
        return run with
        {
            Cancelled = true, State = RunState.Cancelled,
            Plan = run.Plan with
            {
                Rounds = 2, MeasuredRepetitions = 3, AutoRepetitions = new AutoRepetitions(2, 5, 60),
                AutoBatch = new AutoBatch(256, 10, CudaOnly: true),
                LatencyTargets = [new LatencyTarget(LatencyMetric.ItlP99, 20), new LatencyTarget(LatencyMetric.Ttft, 1000)],
                QualityTokens = 1024, QualityText = "eval.txt", QualityMethod = QualityMethod.Text,
            },
            Drift = Drifted(), Shard = new CampaignShard("gpu-compare", 1, 3, "h100", ["phi-3-mini/cpu-int4-rtn-block-32"], new string('c', 64)),
            EvaluationText = new EvaluationTextRecord("WikiText-2 raw test", "Salesforce/wikitext", "b08601e04326c79dfdd32d625aee71d232d685c3",
                "wikitext-2-raw-v1/test-00000-of-00001.parquet", new string('a', 64), "CC BY-SA 3.0 and GFDL", 1_288_556),
        };
    }

    /// <summary>OkRow against CompleteRun's targets (itl-p99 20 ms, ttft 1 s): its ITL p99 of 24.74 ms misses the first.</summary>
    public static TargetVerdict Verdict { get; } =
        new(false, [new TargetReading(LatencyMetric.ItlP99, 20, 24.74, false), new TargetReading(LatencyMetric.Ttft, 1000, 126.4567891, true)]);

    public static BatchStop Stop { get; } = new(BatchStopReason.TargetBroken, "batch 1 misses itl-p99 (24.7 ms, limit 20.0 ms); a larger batch only adds latency");

    /// <summary>Round 2 of phi-3-mini's int4 point decoding 12% slower than round 1, and its TTFT within noise.</summary>
    public static RoundDrift Drifted() => new("welch-t-on-log-values", 0.95, 0.975, LargerThanNoise: true,
    [
        new RoundDifference("phi-3-mini", "cpu-int4-rtn-block-32", "int4", "cpu", 1, 128, 64, "decodeTokensPerSecond", 2,
            45.5, 40.04, 5, 5, -0.12, -0.15, -0.09, NoiseVerdict.LargerThanNoise, FlagsRun: true),
        new RoundDifference("phi-3-mini", "cpu-int4-rtn-block-32", "int4", "cpu", 1, 128, 64, "timeToFirstTokenMilliseconds", 2,
            123.5, 125.1, 5, 5, 0.013, -0.02, 0.046, NoiseVerdict.WithinNoise, FlagsRun: false),
    ]);

    /// <summary>
    /// phi-3-mini at batch 1 and 4 in fp32 and int4 (prompt 128, gen 64), energy measured, priced at the sample's
    /// $3.99/h and 50% utilisation: int4 decodes 2.7x faster than fp32 at batch 1, raises perplexity on text by 4.1% and agrees with it on 97% of top-1 tokens.
    /// </summary>
    public static RunResult QuantizedRun() => Run(
        MeasuredRow("cpu-fp32", "fp32", batch: 1, decodeTokensPerSecond: 20, joulesPerToken: 2.0) with { Quality = Fp32Quality },
        MeasuredRow("cpu-int4", "int4", batch: 1, decodeTokensPerSecond: 54, joulesPerToken: 0.9) with { Fidelity = Int4Fidelity, Quality = Int4Quality },
        MeasuredRow("cpu-fp32", "fp32", batch: 4, decodeTokensPerSecond: 60, joulesPerToken: 1.0) with { Quality = Fp32Quality },
        MeasuredRow("cpu-int4", "int4", batch: 4, decodeTokensPerSecond: 150, joulesPerToken: 0.5) with { Fidelity = Int4Fidelity, Quality = Int4Quality });

    private static readonly ScenarioFidelity Int4Fidelity = new("cpu-fp32", 0.012, 0.05, 0.97, -0.01, 2048);

    /// <summary>On 2,048 tokens of text, int4 raises perplexity from 6.00 to 6.246 (+4.1%).</summary>
    private static readonly ScenarioQuality Fp32Quality = new(QualityMethod.Text, 6.0, "cpu-fp32", 6.0, 2048, 512, 256);
    private static readonly ScenarioQuality Int4Quality = Fp32Quality with { Perplexity = 6.246 };

    /// <summary>The percentiles llama.cpp prints of KL divergence, and of Δp.</summary>
    private static readonly double[] KlPercents = [0.1, 1, 5, 10, 50, 90, 95, 99, 99.9];
    private static readonly double[] DeltaPercents = [0.1, 1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9];

    private static PercentileValue[] Percentiles(double[] percents, double[] values) => [.. percents.Zip(values, (percent, value) => new PercentileValue(percent, value))];

    /// <summary>
    /// A run scored with the llama.cpp method (chunks of 512 tokens, BOS 1) on 4,096 tokens of WikiText-2: phi-3-mini's fp32
    /// reference, int8 and int4 with llama.cpp's statistics; and a model without a tokenizer, whose random-token drift has
    /// the KL distribution and the top-1 standard error but no perplexity or Δp.
    /// </summary>
    public static RunResult LlamaCppQualityRun()
    {
        var reference = new ScenarioQuality(QualityMethod.LlamaCpp, 6.8812, "cpu-fp32", 6.8812, 4335, 512, 512,
            PerplexityStandardError: 0.0876, ReferencePerplexityStandardError: 0.0876, LnPerplexityRatio: 0, LnPerplexityRatioStandardError: 0,
            PerplexityRatio: 1, PerplexityRatioStandardError: 0, LnPerplexityCorrelation: 1, BosTokenId: 1);
        ScenarioResult Variant(string variant, string precision, double decode, double perplexity, double lnRatio, double lnRatioError, double correlation,
            double klMean, double klError, double[] kl, double top1, double top1Error, double deltaMean, double deltaError, double[] delta, double rms, double rmsError) =>
            MeasuredRow(variant, precision, batch: 1, decodeTokensPerSecond: decode, joulesPerToken: 1) with
            {
                Fidelity = new ScenarioFidelity("cpu-fp32", klMean, kl[7], top1, deltaMean * 2, 4335,
                    new TokenDistribution(klMean, klError, kl[0] - 0.000001, kl[^1] * 20, Percentiles(KlPercents, kl)), top1Error,
                    new TokenDistribution(deltaMean, deltaError, delta[0] * 1.5, delta[^1] * 2, Percentiles(DeltaPercents, delta)), rms, rmsError),
                Quality = reference with
                {
                    Perplexity = perplexity, PerplexityStandardError = perplexity * 0.01273, LnPerplexityRatio = lnRatio, LnPerplexityRatioStandardError = lnRatioError,
                    PerplexityRatio = Math.Exp(lnRatio), PerplexityRatioStandardError = Math.Exp(lnRatio) * lnRatioError, LnPerplexityCorrelation = correlation,
                },
            };
        var randomTokens = new ScenarioQuality(QualityMethod.RandomTokens, Reference: "cpu-fp32");
        var synthetic = MeasuredRow("cpu-int4", "int4", batch: 1, decodeTokensPerSecond: 310, joulesPerToken: 0.1) with
        {
            Model = "synthetic-llama-small",
            Quality = randomTokens,
            Fidelity = new ScenarioFidelity("cpu-fp32", 0.0874, 0.412, 0.8125, -0.061, 1024,
                new TokenDistribution(0.0874, 0.00312, -0.0000004, 1.93, Percentiles(KlPercents, [0.00021, 0.0016, 0.0071, 0.013, 0.058, 0.19, 0.25, 0.412, 0.97])),
                Top1AgreementStandardError: 0.0122),
        };
        var run = Run(
            MeasuredRow("cpu-fp32", "fp32", batch: 1, decodeTokensPerSecond: 20, joulesPerToken: 2) with { Quality = reference },
            Variant("cpu-int8", "int8", 38, 6.8934, 0.001771, 0.000212, 0.9996, 0.001532, 0.0000431,
                [-0.0000012, 0.0000031, 0.0000154, 0.0000352, 0.000473, 0.00312, 0.00497, 0.0138, 0.0563],
                0.9873, 0.00176, -0.000121, 0.0000712, [-0.0651, -0.0197, -0.00581, -0.00262, -0.000318, 0, 0.000297, 0.00241, 0.00511, 0.0172, 0.0538], 0.01137, 0.00042),
            Variant("cpu-int4", "int4", 54, 7.1732, 0.041547, 0.001183, 0.9874, 0.045311, 0.000813,
                [0.0000083, 0.0000562, 0.000412, 0.00121, 0.0158, 0.0987, 0.163, 0.451, 1.27],
                0.9141, 0.00438, -0.00612, 0.000412, [-0.411, -0.168, -0.0657, -0.0323, -0.00621, -0.0000412, 0.00218, 0.0183, 0.0372, 0.105, 0.262], 0.06327, 0.00109),
            MeasuredRow("cpu-fp32", "fp32", batch: 1, decodeTokensPerSecond: 120, joulesPerToken: 0.3) with { Model = "synthetic-llama-small", Quality = randomTokens },
            synthetic);
        return run with
        {
            Plan = run.Plan with { QualityTokens = 4096, QualityMethod = QualityMethod.LlamaCpp },
            EvaluationText = new EvaluationTextRecord("WikiText-2 raw test", "Salesforce/wikitext", "b08601e04326c79dfdd32d625aee71d232d685c3",
                "wikitext-2-raw-v1/test-00000-of-00001.parquet", new string('a', 64), "CC BY-SA 3.0 and GFDL", 1_288_556),
        };
    }

    /// <summary>A measured cpu point of phi-3-mini (prompt 128, gen 64, 5 repetitions) with the given median decode rate and J/token.</summary>
    public static ScenarioResult MeasuredRow(string variant, string precision, int batch, double decodeTokensPerSecond, double joulesPerToken,
        string energySource = "measured-rapl") => new()
    {
        Model = "phi-3-mini",
        Variant = variant,
        Precision = precision,
        ExecutionProvider = "cpu",
        BatchSize = batch,
        PromptTokens = 128,
        GenTokens = 64,
        Status = ResultStatus.Ok,
        Metrics = new ScenarioMetrics(
            TimeToFirstTokenMilliseconds: Statistics(5, median: 100 * batch),
            PrefillTokensPerSecond: Statistics(5, median: 1000),
            DecodeTokensPerSecond: Statistics(5, median: decodeTokensPerSecond),
            InterTokenLatencyMilliseconds: Statistics(315, median: 1000 / decodeTokensPerSecond),
            EndToEndSeconds: Statistics(5, median: 64 / decodeTokensPerSecond)),
        Energy = new ScenarioEnergy(energySource, "ok", null, Generations: 5, WindowSeconds: 10, Joules: joulesPerToken * 5 * batch * 64,
            AverageWatts: 100, PeakWatts: 120, JoulesPerGeneratedToken: joulesPerToken, NetJoulesPerGeneratedToken: joulesPerToken / 2,
            PrefillJoulesPerPromptToken: null, DecodeJoulesPerGeneratedToken: null, LoadJoules: null, Throttled: null, Devices: []),
    };

    private static SampleStatistics Statistics(int count, double median)
    {
        var mean = median + 1;
        return new SampleStatistics(count, mean, median, P90: median + 2, P99: median + 3, Min: median - 1, Max: median + 4,
            StandardDeviation: 0.5, ConfidenceInterval95Lower: mean - 0.3, ConfidenceInterval95Upper: mean + 0.3);
    }

    private static SampleStatistics SingleSample(double value) =>
        new(1, value, value, value, value, value, value, double.NaN, double.NaN, double.NaN);
}
