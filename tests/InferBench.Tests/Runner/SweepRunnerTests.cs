using InferBench.Engines;
using InferBench.Engines.GenAi;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Runner;

public sealed class SweepRunnerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RunPlanRecord Plan(
        int[]? prompt = null, int[]? gen = null, int[]? batch = null, int warmup = 1, int reps = 2,
        ExecutionProvider ep = ExecutionProvider.Cpu, string? promptText = null) =>
        new(prompt ?? [16], gen ?? [8], batch ?? [1], warmup, reps, IntraOpThreads: 1, Seed: 7, ep, promptText);

    private static BenchmarkTarget Target(string folder, string variant = "fp32", params ExecutionProvider[] providers) =>
        new("tiny-gpt2", variant, "fp32", providers.Length == 0 ? [ExecutionProvider.Cpu] : providers, folder);

    private static List<ScenarioResult> Sweep(RunPlanRecord plan, IReadOnlyList<BenchmarkTarget> targets,
        CancellationToken cancellation = default, RecordingProgress? progress = null)
    {
        var saved = new List<ScenarioResult>();
        new SweepRunner(plan, InferenceEngines.Default, progress ?? new RecordingProgress(), saved.Add).Run(targets, cancellation);
        return saved;
    }

    [SkippableFact]
    public void Generates_exactly_the_planned_tokens_for_every_point_and_times_each_phase()
    {
        var model = SharedFixtures.RequireTinyGpt2();

        var rows = Sweep(Plan(prompt: [16], gen: [8], batch: [1, 3], warmup: 1, reps: 2), [Target(model)]);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(ResultStatus.Ok, row.Status);
            Assert.Null(row.Reason);
            Assert.Equal(3, row.Repetitions.Count);
            Assert.Equal([RepetitionPhase.Warmup, RepetitionPhase.Measured, RepetitionPhase.Measured], row.Repetitions.Select(r => r.Phase));
            Assert.All(row.Repetitions, rep =>
            {
                Assert.Equal(8, rep.GeneratedTokens);
                Assert.Equal(7, rep.DecodeStepMilliseconds.Count);
                Assert.InRange(rep.PrefillSeconds, double.Epsilon, rep.TimeToFirstTokenSeconds);
                Assert.Equal(rep.TimeToFirstTokenSeconds + rep.DecodeSeconds, rep.EndToEndSeconds, 1e-9);
                Assert.Equal(rep.DecodeSeconds * 1000, rep.DecodeStepMilliseconds.Sum(), 1e-6);
            });
            Assert.Equal(2, row.Metrics!.DecodeTokensPerSecond.Count);
            Assert.Equal(14, row.Metrics.InterTokenLatencyMilliseconds.Count);
            Assert.True(row.LoadSeconds > 0);
            Assert.True(row.ResidentMemoryAfterLoadBytes > 0);
            Assert.True(row.PeakMemoryBytes > 0);
        });
        Assert.Equal([1, 3], rows.Select(r => r.BatchSize));
    }

    [Fact]
    public void Rounds_sweep_every_variant_again_with_even_rounds_in_reverse_order_and_rows_carry_their_round()
    {
        BenchmarkTarget Missing(string variant) => new("m", variant, "fp32", [ExecutionProvider.Cpu], _temp.Combine(variant), UnavailableReason: "not fetched");
        var progress = new RecordingProgress();

        var rows = Sweep(Plan(batch: [1, 2]) with { Rounds = 3 }, [Missing("a"), Missing("b")], progress: progress);

        Assert.Equal(
            [(1, "a", 1), (1, "a", 2), (1, "b", 1), (1, "b", 2), (2, "b", 1), (2, "b", 2), (2, "a", 1), (2, "a", 2), (3, "a", 1), (3, "a", 2), (3, "b", 1), (3, "b", 2)],
            rows.Select(r => (r.Round, r.Variant, r.BatchSize)));
        Assert.All(rows, r => Assert.Equal(ResultStatus.Skipped, r.Status));
    }

    [SkippableFact]
    public void A_point_longer_than_the_context_is_unsupported_before_loading_and_the_others_still_run()
    {
        var model = SharedFixtures.RequireTinyGpt2();

        var rows = Sweep(Plan(prompt: [16, 510], gen: [8], reps: 1, warmup: 0), [Target(model)]);

        var tooLong = Assert.Single(rows, r => r.PromptTokens == 510);
        Assert.Equal(ResultStatus.Unsupported, tooLong.Status);
        Assert.Equal("prompt 510 + gen 8 tokens = 518 exceeds the model's context_length 512 (genai_config.json)", tooLong.Reason);
        Assert.Null(tooLong.LoadSeconds);
        Assert.Equal(ResultStatus.Ok, Assert.Single(rows, r => r.PromptTokens == 16).Status);
    }

    [SkippableFact]
    public void Cuda_on_the_cpu_build_is_unsupported_with_what_it_needs()
    {
        var model = SharedFixtures.RequireTinyGpt2();

        var row = Assert.Single(Sweep(Plan(ep: ExecutionProvider.Cuda), [Target(model, "fp32", ExecutionProvider.Cpu, ExecutionProvider.Cuda)]));

        Assert.Equal(ResultStatus.Unsupported, row.Status);
        Assert.StartsWith("needs the CUDA build of InferBench and an NVIDIA GPU", row.Reason);
    }

    [Fact]
    public void A_variant_built_only_for_cuda_is_unsupported_on_a_cpu_run()
    {
        var row = Assert.Single(Sweep(Plan(), [Target("/nonexistent", "int4-cuda", ExecutionProvider.Cuda)]));

        Assert.Equal(ResultStatus.Unsupported, row.Status);
        Assert.Equal("variant is built for cuda; this run asks for cpu", row.Reason);
    }

    [SkippableFact]
    public void Broken_variants_become_failed_rows_and_the_sweep_goes_on()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        var truncated = _temp.CopyOf(model);
        var onnx = Path.Combine(truncated, "past.onnx");
        File.WriteAllBytes(onnx, File.ReadAllBytes(onnx)[..4096]);
        var badConfig = Path.Combine(_temp.Path, "bad-config");
        Directory.CreateDirectory(badConfig);
        File.WriteAllText(Path.Combine(badConfig, "genai_config.json"), "{\n  \"model\": {\n    \"type\": \"gpt2\",,\n  }\n}");
        var missing = Path.Combine(_temp.Path, "missing");

        var rows = Sweep(Plan(reps: 1, warmup: 0),
            [Target(missing, "missing"), Target(truncated, "truncated"), Target(badConfig, "bad-config"), Target(model, "good")]);

        Assert.Equal(["missing", "truncated", "bad-config", "good"], rows.Select(r => r.Variant));
        Assert.Equal($"model folder not found: {missing}", rows[0].Reason);
        Assert.StartsWith("loading the model: ", rows[1].Reason);
        Assert.StartsWith($"{Path.Combine(badConfig, "genai_config.json")}: invalid JSON at line 3, column 20: ", rows[2].Reason);
        Assert.All(rows.Take(3), r => Assert.Equal(ResultStatus.Failed, r.Status));
        Assert.Equal(ResultStatus.Ok, rows[3].Status);
    }

    [SkippableFact]
    public void A_genai_config_that_genai_cannot_load_is_a_failed_row()
    {
        var copy = _temp.CopyOf(SharedFixtures.RequireTinyGpt2());
        var config = Path.Combine(copy, "genai_config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"gpt2\"", "\"no-such-architecture\""));

        var row = Assert.Single(Sweep(Plan(reps: 1, warmup: 0), [Target(copy)]));

        Assert.Equal(ResultStatus.Failed, row.Status);
        Assert.StartsWith("loading the model: ", row.Reason);
        Assert.Contains("no-such-architecture", row.Reason);
    }

    [SkippableFact]
    public void A_text_prompt_outside_the_vocabulary_names_the_token_id_and_the_vocabulary_size()
    {
        var model = SharedFixtures.RequireTinyGpt2();

        var row = Assert.Single(Sweep(Plan(promptText: "Hello world"), [Target(model)]));

        Assert.Equal(ResultStatus.Unsupported, row.Status);
        Assert.StartsWith("the prompt text cannot be used: the tokenizer produced token id 15496, outside the model's vocabulary (vocab_size 1000)", row.Reason);
    }

    [Fact]
    public void A_text_prompt_on_a_model_without_a_tokenizer_is_unsupported_not_a_crash()
    {
        var folder = _temp.Combine("tiny");
        InferBench.Synthetic.SyntheticModelWriter.Write(InferBench.Synthetic.SyntheticModelPresets.Tiny, folder);

        var row = Assert.Single(Sweep(Plan(promptText: "hello"), [Target(folder)]));

        Assert.Equal(ResultStatus.Unsupported, row.Status);
        Assert.Equal("the prompt text cannot be tokenized: the model folder has no tokenizer (tokenizer_config.json is missing); use random-token prompts", row.Reason);
    }

    [SkippableFact]
    public void A_text_prompt_inside_the_vocabulary_sets_the_prompt_length()
    {
        var model = SharedFixtures.RequireTinyGpt2();

        // GPT-2 ids below 1000 are single characters and short pieces: "the" is 1169, "," is 11, "." is 13.
        var row = Assert.Single(Sweep(Plan(prompt: [16, 32], promptText: ", . , ."), [Target(model)]));

        Assert.Equal(ResultStatus.Ok, row.Status);
        Assert.True(row.PromptTokens is > 0 and < 16);
    }

    [SkippableFact]
    public void Cancelling_keeps_the_repetitions_already_measured_and_stops_the_sweep()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(sample =>
        {
            if (sample.Phase == RepetitionPhase.Measured)
                cancellation.Cancel();
        });

        var rows = Sweep(Plan(batch: [1, 2], warmup: 1, reps: 3), [Target(model, "a"), Target(model, "b")], cancellation.Token, progress);

        var row = Assert.Single(rows);
        Assert.Equal(ResultStatus.Ok, row.Status);
        Assert.Equal("run cancelled after 1 of 3 measured repetitions", row.Reason);
        Assert.Equal(1, row.Metrics!.TimeToFirstTokenMilliseconds.Count);
        Assert.Equal(new RepetitionStop(RepetitionStopReason.Cancelled, 1, null, null, null), row.RepetitionStop);
        Assert.Equal(rows, progress.Rows);
    }

    [SkippableFact]
    public void Measured_generations_get_energy_per_token_with_its_source_label()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        var source = new PowerOptions { CpuModel = "test CPU", Cpu = new CpuRating(new Power(100), 2), VisibleLogicalCores = 1 };
        using var meter = PowerMeter.Start(PowerSourceChoice.Estimate, source, new PowerMeterOptions());

        var energy = Assert.Single(SweepWithEnergy(model, new SweepEnergy(meter, IdleBefore: null))).Energy!;

        Assert.Equal(("estimated-cpu-tdp", "ok", 2), (energy.Source, energy.Status, energy.Generations));
        Assert.True(energy.Joules > 0);
        Assert.Equal(energy.Joules / (2 * 1 * 8), energy.JoulesPerGeneratedToken);
        Assert.Null(energy.NetJoulesPerGeneratedToken); // no idle baseline was measured
    }

    [Theory]
    [InlineData(PowerSourceChoice.Estimate, ExecutionProvider.Cuda, "this row ran on cuda, but the run measured the CPU (estimated-cpu-tdp), which is not this row's energy: measure the GPU with NVML")]
    [InlineData(PowerSourceChoice.Estimate, ExecutionProvider.Cpu, null)]
    [InlineData(PowerSourceChoice.Nvml, ExecutionProvider.Cuda, null)]
    [InlineData(PowerSourceChoice.Nvml, ExecutionProvider.Cpu, "this row ran on cpu, but the run measured the GPU (measured-nvml-counter), which is not this row's energy: measure the CPU with RAPL or the estimate")]
    public void A_rows_energy_is_only_from_the_hardware_it_ran_on(PowerSourceChoice opened, ExecutionProvider executionProvider, string? reason)
    {
        var clock = new FakeClock();
        var source = opened == PowerSourceChoice.Nvml
            ? (IPowerSource)new ScriptedPowerSource(clock, PowerTrace.Constant(200))
            : PowerSources.Open(PowerSourceChoice.Estimate, new PowerOptions { CpuModel = "AMD EPYC" }).Source!;
        using var meter = new PowerMeter(new PowerSourceSelection(opened, source, null, []), clock, new PowerMeterOptions());

        Assert.Equal(reason, new SweepEnergy(meter, IdleBefore: null).OtherHardwareThan(executionProvider));
    }

    [SkippableFact]
    public void Generations_too_short_for_the_power_source_are_repeated_in_a_longer_window_and_never_read_zero()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        var clock = new FakeClock(); // does not move during the extra generations: the window stays too short
        var counter = new ScriptedPowerSource(clock, PowerTrace.Constant(200))
        {
            CounterStep = TimeSpan.FromMilliseconds(100),
            CounterLabel = EnergySource.MeasuredRapl, // the tiny model runs on the CPU, whose energy RAPL measures
        };
        using var meter = new PowerMeter(new PowerSourceSelection(PowerSourceChoice.Rapl, counter, null, []), clock, new PowerMeterOptions());

        var row = Assert.Single(SweepWithEnergy(model, new SweepEnergy(meter, IdleBefore: null)));

        var energy = row.Energy!;
        Assert.Equal(("measured-rapl", "too-short"), (energy.Source, energy.Status));
        Assert.Null(energy.Joules);
        Assert.Null(energy.JoulesPerGeneratedToken);
        Assert.True(energy.Generations > 2, $"{energy.Generations} generations");
        Assert.Contains("the 2 measured repetitions were too short to measure, so the window repeats the generation", energy.Reason);
        Assert.All(row.Repetitions.Where(r => r.Phase == RepetitionPhase.Measured),
            r => Assert.Equal(("too-short", (double?)null), (r.PrefillEnergy!.Status, r.PrefillEnergy.Joules)));
        Assert.Equal(2, row.Metrics!.DecodeTokensPerSecond.Count); // extra generations are not timed
    }

    private static List<ScenarioResult> SweepWithEnergy(string model, SweepEnergy energy, RunPlanRecord? plan = null)
    {
        var saved = new List<ScenarioResult>();
        new SweepRunner(plan ?? Plan(reps: 2), InferenceEngines.Default, new RecordingProgress(), saved.Add, energy).Run([Target(model)], CancellationToken.None);
        return saved;
    }

    [SkippableFact]
    public void On_an_nvml_run_the_gpu_warms_up_before_the_measured_repetitions_and_its_state_is_recorded_at_start_and_end()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        using var nvml = FakeNvml.Create("""
            device GPU-eeeeeeee Fake H100 80GB HBM3
            power 0 0 300
            temp 0 0 50
            temp 0 600000 90
            throttle 0 0 4
            sm_mhz 0 0 1980

            """, realTime: true);
        using var meter = new PowerMeter(
            PowerSources.Open(PowerSourceChoice.Nvml, new PowerOptions { CpuModel = "test CPU", NvmlLibraryPath = nvml.LibraryPath }),
            new StopwatchClock(), new PowerMeterOptions());
        meter.StartSampling();
        var plan = Plan(reps: 2) with { SteadyState = SteadyStatePlan.Default with { MaxSeconds = 0.5 } };

        var row = Assert.Single(SweepWithEnergy(model, new SweepEnergy(meter, IdleBefore: null), plan));

        var gpu = row.Gpu!;
        var steady = gpu.SteadyState!;
        Assert.Equal(SteadyStateOutcome.TimeCap, steady.Outcome); // one interval of at least 1 s passes a cap of 0.5 s
        Assert.True(steady.Seconds >= 1, $"{steady.Seconds} s");
        Assert.True(steady.Generations >= 1);
        Assert.Equal(300, steady.LastWatts!.Value, 0.01); // the counter counts whole mJ
        Assert.Equal(2, row.Repetitions.Count(r => r.Phase == RepetitionPhase.Measured)); // the warmup generations are not samples
        var start = Assert.Single(gpu.AtStart);
        var end = Assert.Single(gpu.AtEnd);
        Assert.Equal(("Fake H100 80GB HBM3", 1980, 700.0), (start.Name, start.SmClockMegahertz, start.PowerLimitWatts));
        Assert.Equal(["PowerCap"], start.ThrottleReasons);
        Assert.InRange(start.TemperatureCelsius!.Value, 50, 60);
        Assert.InRange(end.TemperatureCelsius!.Value, start.TemperatureCelsius.Value, 60);
        Assert.Equal("unavailable", row.Energy!.Source); // a CPU row's energy is not the GPU's, but the GPU's state is still recorded
    }

    [SkippableFact]
    public void On_an_nvml_run_without_steady_state_warmup_the_gpu_state_is_still_recorded()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        using var nvml = FakeNvml.Create("device GPU-eeeeeeee Fake H100 80GB HBM3\npower 0 0 300\n", realTime: true);
        using var meter = new PowerMeter(
            PowerSources.Open(PowerSourceChoice.Nvml, new PowerOptions { CpuModel = "test CPU", NvmlLibraryPath = nvml.LibraryPath }),
            new StopwatchClock(), new PowerMeterOptions());
        meter.StartSampling();
        var plan = Plan(reps: 2) with { SteadyState = SteadyStatePlan.Default with { MaxSeconds = 0 } };

        var gpu = Assert.Single(SweepWithEnergy(model, new SweepEnergy(meter, IdleBefore: null), plan)).Gpu!;

        Assert.Null(gpu.SteadyState);
        Assert.Equal(40, Assert.Single(gpu.AtStart).TemperatureCelsius);
        Assert.Single(gpu.AtEnd);
    }

    [SkippableFact]
    public void A_cpu_energy_run_records_no_gpu_state_and_no_steady_state_warmup()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        var source = new PowerOptions { CpuModel = "test CPU", Cpu = new CpuRating(new Power(100), 2), VisibleLogicalCores = 1 };
        using var meter = PowerMeter.Start(PowerSourceChoice.Estimate, source, new PowerMeterOptions());

        var row = Assert.Single(SweepWithEnergy(model, new SweepEnergy(meter, IdleBefore: null), Plan(reps: 2) with { SteadyState = SteadyStatePlan.Default }));

        Assert.Null(row.Gpu);
        Assert.Equal(3, row.Repetitions.Count);
    }

    [Fact]
    public void A_target_that_is_not_present_is_skipped_with_its_reason()
    {
        var target = Target("/nowhere") with { UnavailableReason = "not present locally: /nowhere" };

        var rows = Sweep(Plan(batch: [1, 4]), [target]);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((ResultStatus.Skipped, "not present locally: /nowhere"), (r.Status, r.Reason)));
    }
    [SkippableFact]
    public void Batch_auto_doubles_until_GenAI_refuses_the_batch_and_records_the_stop_on_that_row()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        var plan = Plan(batch: [], reps: 1, warmup: 0) with { AutoBatch = new AutoBatch(MaxBatchSize: 256, MinGainPercent: 0, CudaOnly: false) };

        var rows = Sweep(plan, [Target(model)]);

        Assert.Equal([1, 2, 4, 8, 16, 32, 64], rows.Select(r => r.BatchSize));
        Assert.All(rows.SkipLast(1), row => Assert.Equal((ResultStatus.Ok, null), (row.Status, row.BatchStop)));
        var refused = rows[^1];
        Assert.Equal(ResultStatus.Unsupported, refused.Status);
        Assert.Equal(GenAiErrors.RuntimeBatchLimit + ": batch_size (64) must be in [1, 32]", refused.Reason);
        Assert.Equal(new BatchStop(BatchStopReason.RuntimeLimit, "ONNX Runtime GenAI refuses batch 64; it cannot be raised without rebuilding GenAI"), refused.BatchStop);
    }

    [SkippableFact]
    public void Batch_auto_stops_at_the_first_batch_that_breaks_a_latency_target_and_every_measured_row_has_its_verdict()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        // No decode step takes less than a nanosecond: batch 1 already breaks the target.
        var plan = Plan(batch: [], reps: 1, warmup: 0) with
        {
            AutoBatch = new AutoBatch(256, 10, CudaOnly: false),
            LatencyTargets = [new LatencyTarget(LatencyMetric.ItlP99, 1e-6), new LatencyTarget(LatencyMetric.Ttft, 60_000)],
        };

        var rows = Sweep(plan, [Target(model)]);

        var row = Assert.Single(rows);
        Assert.Equal(BatchStopReason.TargetBroken, row.BatchStop!.Reason);
        Assert.False(row.Targets!.Met);
        Assert.Equal([false, true], row.Targets.Readings.Select(r => r.Met));
        Assert.Equal(LatencyMetric.ItlP99, Assert.Single(row.Targets.Missed).Metric);
    }

    [SkippableFact]
    public void The_default_plan_doubles_the_batch_only_on_cuda_so_a_cpu_row_runs_the_batch_list()
    {
        var model = SharedFixtures.RequireTinyGpt2();
        var plan = Plan(batch: [1, 2], reps: 1, warmup: 0) with { AutoBatch = new AutoBatch(256, 10, CudaOnly: true) };

        var rows = Sweep(plan, [Target(model)]);

        Assert.Equal([1, 2], rows.Select(r => r.BatchSize));
        Assert.All(rows, row => Assert.Null(row.BatchStop));
    }
}
