using System.Diagnostics;
using InferBench.Cli;
using InferBench.Configuration;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary><c>inferbench serve</c> end to end on the tiny synthetic model through GenAI's Engine, with tiny settings.</summary>
public sealed class ServeRunTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _model;

    public ServeRunTests()
    {
        _model = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, _model);
    }

    public void Dispose() => _temp.Dispose();

    private string Results => _temp.Combine("results");

    private string[] Serve(params string[] options) =>
    [
        "serve", "--model-path", _model, "--prompt-tokens", "8", "--gen-tokens", "4", "--threads", "1",
        "--power", "estimate", "--out", Results, .. options,
    ];

    [Fact]
    public void The_default_loads_write_every_point_to_run_json_and_results_csv()
    {
        var run = CliRun.Invoke(Serve("--requests", "4", "--warmup-requests", "1", "--slo", "e2e=10s"));

        Assert.True(run.ExitCode == ExitCodes.AllOk, $"exit {run.ExitCode}: {run.Error}");
        var folder = Assert.Single(Directory.GetDirectories(Results));
        var result = RunFolder.Read(folder);
        Assert.Equal(RunState.Complete, result.State);
        var baseline = Assert.Single(result.Results);
        Assert.Equal((ResultStatus.Ok, 1), (baseline.Status, baseline.BatchSize));
        Assert.Equal((result.Plan.PromptTokens[0], result.Plan.GenTokens[0]), (baseline.PromptTokens, baseline.GenTokens));
        Assert.Equal(baseline.RepetitionStop!.MeasuredRepetitions, baseline.Repetitions.Count(r => r.Phase == RepetitionPhase.Measured));
        Assert.InRange(baseline.RepetitionStop.MeasuredRepetitions, 3, ServingConfigurationFactory.StaticBaselineRepetitions.MaxRepetitions);
        var plan = result.Plan.Serving!;
        Assert.Equal([1, 2, 4], plan.Concurrencies);
        Assert.True(plan.RequestRateAuto);
        Assert.Equal(4, plan.RequestsPerPoint);
        var points = result.Serving!;
        Assert.Equal([1, 2, 4], points.Take(3).Select(p => p.Load.Concurrency!.Value));
        Assert.All(points.Skip(3), p => Assert.NotNull(p.Load.RequestsPerSecond));
        Assert.Equal(6, points.Count);
        Assert.All(points, point =>
        {
            Assert.True(point.Status == ResultStatus.Ok, $"{point.Load}: {point.Status} {point.Reason}");
            Assert.Equal(4, point.Metrics!.MeasuredRequests);
            Assert.Equal(4, point.Requests.Count);
            Assert.NotNull(point.Metrics.GoodputRequestsPerSecond);
            Assert.Equal("estimated-cpu-tdp", point.Energy!.Source);
            Assert.Equal("genai-engine", point.Capabilities!.Engine);
        });
        var csv = File.ReadAllLines(Path.Combine(folder, "results.csv"));
        Assert.Equal(1 + 1 + points.Count, csv.Length);
        Assert.Contains("serving_mode", csv[0]);
        Assert.Contains("6 load points: 6 ok", run.Out);
        Assert.Contains("tiny/local concurrency 4:", run.Error);
    }

    [Theory]
    [InlineData("--request-rate 1000", new int[0], false, new[] { 1000.0 }, false)]
    [InlineData("--concurrency 2", new[] { 2 }, false, new double[0], false)]
    [InlineData("--request-rate auto", new[] { 1, 2, 4 }, false, new double[0], true)]
    [InlineData("--concurrency auto --request-rate 1000", new int[0], true, new[] { 1000.0 }, false)]
    public void One_loop_given_runs_only_that_loop_and_automatic_rates_measure_the_concurrencies_first(
        string options, int[] concurrencies, bool concurrencyAuto, double[] rates, bool rateAuto)
    {
        var run = CliRun.Invoke(Serve([.. options.Split(' '), "--requests", "2", "--warmup-requests", "0", "--json"]));

        Assert.True(run.ExitCode == ExitCodes.AllOk, $"exit {run.ExitCode}: {run.Error}");
        var result = RunFolder.Read(Path.GetDirectoryName(run.Out.Trim())!);
        var plan = result.Plan.Serving!;
        Assert.Equal(concurrencies, plan.Concurrencies);
        Assert.Equal(concurrencyAuto, plan.ConcurrencyAuto);
        Assert.Equal(rates, plan.RequestRatesPerSecond);
        Assert.Equal(rateAuto, plan.RequestRateAuto);
        Assert.All(result.Serving!, point => Assert.Equal(ResultStatus.Ok, point.Status));
    }

    /// <summary>
    /// A rate at the bottom of its range: the first request arrives at once, the next about 1e300 s later (put at
    /// <see cref="InferBench.Serving.GammaArrivals.Latest"/>), so the time bound ends the point.
    /// </summary>
    [Fact]
    public void A_vanishing_request_rate_serves_its_first_request_and_stops_at_the_time_bound()
    {
        var run = CliRun.Invoke(Serve("--request-rate", "1e-300", "--duration", "0.5", "--warmup-requests", "0", "--json"));

        Assert.True(run.ExitCode == ExitCodes.AllOk, $"exit {run.ExitCode}: {run.Error}");
        var point = Assert.Single(RunFolder.Read(Path.GetDirectoryName(run.Out.Trim())!).Serving!);
        Assert.Equal(1, point.Metrics!.MeasuredRequests);
    }

    /// <summary>
    /// The signal comes once the first point (1000 requests/s) is saved, while the second (one request every 2 s on
    /// average) waits for its arrivals: the run stops there, keeps the first point and exits 130.
    /// </summary>
    [Fact]
    public async Task A_signal_mid_load_keeps_the_finished_points_and_exits_130()
    {
        using var signal = new CancellationTokenSource();
        var running = Task.Run(() => CliRun.Invoke(signal.Token, Serve("--request-rate", "1000,0.5", "--requests", "3", "--warmup-requests", "0")));

        var waited = Stopwatch.StartNew();
        while (SavedPoints() < 1)
        {
            if (running.IsCompleted)
                Assert.Fail($"serve ended before its first point was saved: {(await running).Error}");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the first point was not saved");
            await Task.Delay(20);
        }
        signal.Cancel();
        var run = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == ExitCodes.Cancelled, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains("Stopping: the requests in flight are cancelled; the points that finished are kept", run.Error);
        var result = RunFolder.Read(Assert.Single(Directory.GetDirectories(Results)));
        Assert.Equal(RunState.Cancelled, result.State);
        Assert.True(result.Cancelled);
        var first = result.Serving![0];
        Assert.Equal(1000, first.Load.RequestsPerSecond);
        Assert.Equal(ResultStatus.Ok, first.Status);
        Assert.Equal(3, first.Metrics!.MeasuredRequests);
        Assert.True(result.Serving.Count <= 2);
    }

    private int SavedPoints()
    {
        if (!Directory.Exists(Results) || Directory.GetDirectories(Results) is not [{ } folder] || !File.Exists(Path.Combine(folder, "run.json")))
            return 0;
        return RunFolder.Read(folder).Serving?.Count ?? 0;
    }
}
