using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Serving;

/// <summary>
/// One point's load on a model that steps on a fake clock (10 ms a step, one token per running request per step): what the
/// driver measures, against what queueing theory says it must be.
/// </summary>
public sealed class LoadDriverTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void A_closed_loop_at_concurrency_c_serves_c_over_the_latency_and_keeps_littles_law()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, maxBatch: 8);

        var row = Assert.Single(ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [4] }, model, clock));

        var metrics = row.Metrics!;
        Assert.Equal((ResultStatus.Ok, null), (row.Status, row.Reason));
        Assert.Equal(ServingLoad.Closed(4), row.Load);
        // Ten 10 ms steps a request, its first token after the first: latency 100 ms, so 4 / 0.1 s = 40 requests/s.
        Assert.Equal(100, metrics.EndToEndMilliseconds.Median, precision: 6);
        Assert.Equal(10, metrics.TimeToFirstTokenMilliseconds.Median, precision: 6);
        Assert.Equal(10, metrics.TimePerOutputTokenMilliseconds!.Median, precision: 6);
        Assert.Equal(10, metrics.InterTokenLatencyMilliseconds!.Max, precision: 6);
        Assert.Equal(200 * 9, metrics.InterTokenLatencyMilliseconds.Count);
        Assert.Equal(100, metrics.OutputTokensPerSecondPerUser!.Median, precision: 6);
        Assert.Equal(40, metrics.RequestsPerSecond, tolerance: 40 * 0.03);
        Assert.Equal(400, metrics.OutputTokensPerSecond, tolerance: 400 * 0.03);
        Assert.Equal(200, metrics.InputTokensPerSecond, tolerance: 200 * 0.03);
        Assert.Equal(0, metrics.QueueMilliseconds!.Max);
        Assert.Equal((4.0, 4), (metrics.BatchRowsMean, metrics.BatchRowsMax));
        Assert.Equal(4, metrics.MeanRequestsInSystem, tolerance: 0.2);
        Assert.True(metrics.LittlesLawRelativeDifference < 0.05, $"Little's law off by {metrics.LittlesLawRelativeDifference:P1}");
        Assert.False(metrics.Saturated);
        Assert.Equal(0, metrics.HarnessOverheadPercent); // the fake clock moves only inside steps
        Assert.Equal(model.Steps, metrics.EngineSteps);
    }

    [Fact]
    public void The_harness_overhead_is_its_own_time_between_engine_steps_over_the_time_inside_them()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, maxBatch: 8) { SubmitTime = TimeSpan.FromMilliseconds(1) };

        var row = Assert.Single(ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = 20 }, model, clock));

        // One 1 ms submission between the last step of a request and the first of the next, against ten 10 ms steps.
        Assert.Equal(1, row.Metrics!.HarnessOverheadPercent, tolerance: 0.05);
    }

    [Fact]
    public void Warmup_requests_run_but_stay_out_of_the_statistics_and_every_request_is_released()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, maxBatch: 8);

        var row = Assert.Single(ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [2], RequestsPerPoint = 30, WarmupRequests = 5 }, model, clock));

        Assert.Equal(35, model.Submissions.Count);
        Assert.Equal(model.Submissions.Select(s => s.Id).Order(), model.Released.Order());
        Assert.Equal((30, 5, 0), (row.Metrics!.MeasuredRequests, row.Metrics.WarmupRequests, row.Metrics.FailedRequests));
        Assert.Equal(30, row.Requests.Count);
        Assert.All(row.Requests, r => Assert.Equal("max-generated-tokens", r.Finish));
        Assert.True(row.Requests[0].ArrivalMilliseconds > 0, "the first measured request arrives after warmup ones finished");
    }

    [Fact]
    public void An_open_loop_past_capacity_is_saturated_and_one_below_it_is_not()
    {
        // Two requests a step, ten steps each: capacity 2 / 0.1 s = 20 requests/s.
        var plan = ServingRun.Plan with { RequestRatesPerSecond = [10, 40], RequestsPerPoint = 300 };
        var clock = new FakeClock();

        var rows = ServingRun.Sweep(plan, new ClockedServingModel(clock, Step, maxBatch: 2), clock);

        var (below, above) = (rows[0].Metrics!, rows[1].Metrics!);
        Assert.Equal((10.0, 40.0), (below.OfferedRequestsPerSecond, above.OfferedRequestsPerSecond));
        Assert.Equal(10, below.ArrivalRequestsPerSecond, tolerance: 1.5);
        Assert.Equal(40, above.ArrivalRequestsPerSecond, tolerance: 6);
        Assert.False(below.Saturated, below.SaturationReason);
        Assert.Null(below.SaturationReason);
        Assert.True(above.Saturated);
        Assert.StartsWith("the queue kept growing: ", above.SaturationReason, StringComparison.Ordinal);
        Assert.Equal(20, above.RequestsPerSecond, tolerance: 2);
        Assert.True(above.TimeToFirstTokenMilliseconds.P90 > 10 * below.TimeToFirstTokenMilliseconds.P90);
        Assert.True(below.LittlesLawRelativeDifference < 0.05, $"Little's law off by {below.LittlesLawRelativeDifference:P1}");
        Assert.True(above.LittlesLawRelativeDifference < 0.05, $"Little's law off by {above.LittlesLawRelativeDifference:P1}");
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(30, true)]
    public void A_short_point_is_judged_by_its_served_rate_not_by_the_requests_still_in_flight_when_arrivals_end(double rate, bool saturated)
    {
        // Capacity 20 requests/s; 16 requests: the last ones finish a whole latency after the arrivals end.
        var plan = ServingRun.Plan with { RequestRatesPerSecond = [rate], RequestsPerPoint = 16 };
        var clock = new FakeClock();

        var row = Assert.Single(ServingRun.Sweep(plan, new ClockedServingModel(clock, Step, maxBatch: 2), clock));

        Assert.True(row.Metrics!.Saturated == saturated, row.Metrics.SaturationReason ?? "not saturated");
    }

    [Fact]
    public void Requests_arriving_during_a_step_wait_in_the_arrival_queue_until_it_returns()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, TimeSpan.FromMilliseconds(50), maxBatch: 8);

        var row = Assert.Single(ServingRun.Sweep(ServingRun.Plan with { RequestRatesPerSecond = [100] }, model, clock));

        Assert.True(row.Metrics!.QueueMilliseconds!.Max > 0);
        Assert.True(row.Metrics.QueueMilliseconds.Max <= 50);
        Assert.All(row.Requests, r => Assert.True(r.TimeToFirstTokenMilliseconds >= r.QueueMilliseconds));
    }

    [Fact]
    public void Goodput_counts_the_requests_that_meet_every_target_and_the_verdict_reads_the_percentile()
    {
        // Outputs of 5 to 15 tokens: a request's end-to-end latency is 10 ms a token.
        var plan = ServingRun.Plan with { Concurrencies = [4], Lengths = new ServingLengths("uniform", 5, 5, 5, 15) };
        LatencyTarget[] targets = [new(LatencyMetric.E2eP90, 100), new(LatencyMetric.Ttft, 50)];
        var clock = new FakeClock();

        var row = Assert.Single(ServingRun.Sweep(plan, new ClockedServingModel(clock, Step, maxBatch: 8), clock, targets));

        var metrics = row.Metrics!;
        var good = row.Requests.Count(r => r.EndToEndMilliseconds <= 100 && r.TimeToFirstTokenMilliseconds <= 50);
        Assert.InRange(good, 50, 150);
        Assert.Equal(good / metrics.DurationSeconds, metrics.GoodputRequestsPerSecond!.Value, precision: 9);
        Assert.False(row.Targets!.Met);
        Assert.Equal([(LatencyMetric.E2eP90, false), (LatencyMetric.Ttft, true)], row.Targets.Readings.Select(r => (r.Metric, r.Met)));
        Assert.Equal(metrics.EndToEndMilliseconds.P90, row.Targets.Readings[0].MeasuredMilliseconds);
    }

    [Fact]
    public void Without_targets_there_is_no_goodput_and_no_verdict()
    {
        var clock = new FakeClock();

        var row = Assert.Single(ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = 5 }, new ClockedServingModel(clock, Step, 8), clock));

        Assert.Null(row.Metrics!.GoodputRequestsPerSecond);
        Assert.Null(row.Targets);
    }

    [Fact]
    public void Cancelling_mid_point_cancels_what_is_in_flight_keeps_what_finished_and_stops_the_sweep()
    {
        var clock = new FakeClock();
        using var cancellation = new CancellationTokenSource();
        var model = new ClockedServingModel(clock, Step, maxBatch: 8) { AfterStep = steps => { if (steps == 105) cancellation.Cancel(); } };

        var rows = ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [4, 8] }, model, clock, cancellation: cancellation.Token);

        var row = Assert.Single(rows);
        Assert.Equal(ResultStatus.Ok, row.Status);
        var completed = row.Metrics!.MeasuredRequests;
        Assert.InRange(completed, 20, 40);
        Assert.Equal($"run cancelled: partial point, {completed} measured requests completed; 4 measured requests did not complete", row.Reason);
        Assert.Equal(4, row.Requests.Count(r => r.Finish == "cancelled"));
        Assert.Equal(model.Submissions.Select(s => s.Id).Order(), model.Released.Order());
        Assert.False(model.HasPendingWork);
    }

    [Fact]
    public void A_run_cancelled_before_any_measured_request_completes_gives_a_skipped_point()
    {
        var clock = new FakeClock();
        using var cancellation = new CancellationTokenSource();
        var model = new ClockedServingModel(clock, Step, maxBatch: 8) { AfterStep = steps => { if (steps == 3) cancellation.Cancel(); } };

        var row = Assert.Single(ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [4] }, model, clock, cancellation: cancellation.Token));

        Assert.Equal((ResultStatus.Skipped, "run cancelled before a measured request completed"), (row.Status, row.Reason));
        Assert.Null(row.Metrics);
    }

    [Fact]
    public void At_the_time_bound_arrivals_stop_and_what_is_left_after_as_long_again_is_cancelled()
    {
        // 40 requests/s offered to a capacity of 10: the queue outlives the bound.
        var plan = ServingRun.Plan with { RequestRatesPerSecond = [40], RequestsPerPoint = null, SecondsPerPoint = 2, WarmupRequests = 0 };
        var clock = new FakeClock();

        var row = Assert.Single(ServingRun.Sweep(plan, new ClockedServingModel(clock, Step, maxBatch: 1), clock));

        Assert.InRange(row.Requests.Count, 60, 100);
        Assert.Contains("requests still in flight as long after the time bound as the point had run were cancelled", row.Reason, StringComparison.Ordinal);
        Assert.InRange(row.Metrics!.MeasuredRequests, 35, 41); // 4 s at 10 requests/s
        Assert.True(row.Metrics.Saturated);
        Assert.InRange(clock.Now.TotalSeconds, 4, 4.1);
    }

    [Fact]
    public void A_failed_request_is_counted_and_named_and_the_point_goes_on()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, maxBatch: 8) { Fails = id => id == 20 };

        var row = Assert.Single(ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [2], RequestsPerPoint = 30, WarmupRequests = 0 }, model, clock));

        Assert.Equal((29, 1), (row.Metrics!.MeasuredRequests, row.Metrics.FailedRequests));
        Assert.Equal("1 measured requests did not complete (the first failure: scripted failure)", row.Reason);
        Assert.Equal("failed", row.Requests[20].Finish);
    }

    [Fact]
    public void Prompts_share_the_asked_prefix_and_the_cached_tokens_come_from_the_engines_usage()
    {
        var plan = ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = 10, WarmupRequests = 0, SharedPrefixTokens = 3 };
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, maxBatch: 8);

        var row = Assert.Single(ServingRun.Sweep(plan, model, clock));

        var prompts = model.Submissions.Select(s => s.Prompt).ToArray();
        Assert.All(prompts, p => Assert.Equal(prompts[0][..3], p[..3]));
        Assert.All(prompts, p => Assert.All(p, id => Assert.InRange(id, 0, 999)));
        Assert.NotEqual(prompts[0][3..], prompts[1][3..]);
        Assert.Equal(9 * 3, row.Metrics!.CachedPromptTokens);
        Assert.Equal(row.Metrics.CachedPromptTokens, row.Requests.Sum(r => r.CachedPromptTokens));
        Assert.Null(row.Reason);
    }

    [Fact]
    public void An_engine_that_does_not_reuse_a_prefix_is_said_to_on_the_row()
    {
        var plan = ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = 3, SharedPrefixTokens = 4 };
        var clock = new FakeClock();

        var row = Assert.Single(ServingRun.Sweep(plan, new ClockedServingModel(clock, Step, 4) { ReusesPromptPrefix = false }, clock));

        Assert.Equal("the prompts share a 4-token prefix, but this engine (dynamic batching) does not reuse a cached prefix", row.Reason);
    }

    [Fact]
    public void The_same_seed_serves_the_same_lengths_at_every_point_and_no_earlier_points_prompt()
    {
        var plan = ServingRun.Plan with
        {
            Concurrencies = [1, 2], RequestsPerPoint = 6, WarmupRequests = 0, Lengths = new ServingLengths("uniform", 3, 9, 2, 6), SharedPrefixTokens = 2,
        };
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, maxBatch: 8);
        var again = new ClockedServingModel(clock, Step, maxBatch: 8);

        ServingRun.Sweep(plan, model, clock);
        ServingRun.Sweep(plan, again, clock);

        var (first, second) = (model.Submissions.Take(6).ToArray(), model.Submissions.Skip(6).ToArray());
        Assert.Equal(first.Select(s => (s.Prompt.Length, s.OutputTokens)), second.Select(s => (s.Prompt.Length, s.OutputTokens)));
        Assert.Equal(Enumerable.Range(0, 12), model.Submissions.Select(s => s.Id)); // ids run on across points
        Assert.True(first.Select(s => s.Prompt.Length).Distinct().Count() > 1);
        Assert.Equal(model.Submissions.Select(s => s.Prompt), again.Submissions.Select(s => s.Prompt));
        // The same shared prefix, but no prompt of an earlier point again: a prefix-caching engine would serve it from its cache.
        Assert.All(model.Submissions, s => Assert.Equal(first[0].Prompt[..2], s.Prompt[..2]));
        Assert.All(first.Zip(second), pair => Assert.NotEqual(pair.First.Prompt[2..], pair.Second.Prompt[2..]));
    }

    [Fact]
    public void Energy_comes_gross_over_the_point_and_over_the_steady_state_window_with_its_source_label()
    {
        var clock = new FakeClock();
        var source = new ScriptedPowerSource(clock, PowerTrace.Constant(100)) { CounterLabel = EnergySource.MeasuredRapl, HasPower = false };
        using var meter = new PowerMeter(new PowerSourceSelection(PowerSourceChoice.Rapl, source, null, []), clock, new PowerMeterOptions());
        clock.Moved += _ => meter.Sample();
        var plan = ServingRun.Plan with { Concurrencies = [4], RequestsPerPoint = 400 };

        var row = Assert.Single(ServingRun.Sweep(plan, new ClockedServingModel(clock, Step, maxBatch: 8), clock, energy: new SweepEnergy(meter, null)));

        var energy = row.Energy!;
        Assert.Equal(("measured-rapl", "ok"), (energy.Source, energy.Status));
        Assert.Equal(408 * 10, (int)Math.Round(energy.Gross.Joules!.Value / energy.JoulesPerOutputToken!.Value));
        Assert.Equal(100 * energy.Gross.WindowSeconds, energy.Gross.Joules!.Value, tolerance: 0.5);
        var steadySeconds = energy.SteadyStateEndSeconds!.Value - energy.SteadyStateStartSeconds!.Value;
        Assert.True(energy.SteadyStateStartSeconds > 0 && steadySeconds > 0.8 * energy.Gross.WindowSeconds);
        Assert.Equal(100 * steadySeconds, energy.SteadyStateJoules!.Value, tolerance: 0.5);
        // Four requests a step, a token each, 10 ms a step: 400 tokens/s at 100 W is 0.25 J a token.
        Assert.Equal(0.25, energy.SteadyStateJoulesPerOutputToken!.Value, tolerance: 0.01);
        Assert.Equal(energy.SteadyStateJoules / energy.SteadyStateOutputTokens, energy.SteadyStateJoulesPerOutputToken);
    }
}
