using InferBench.Engines;
using InferBench.Results;
using InferBench.Serving;
using InferBench.Tests.Support;

namespace InferBench.Tests.Serving;

/// <summary>The sweep over targets and load points: failures as rows, automatic concurrency and rates, and hostile plans.</summary>
public sealed class ServingSweepTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void A_target_the_engine_cannot_load_gets_a_row_per_planned_point_and_the_sweep_goes_on()
    {
        var clock = new FakeClock();
        var failing = new ClockedServingModel(clock, Step, 4)
        {
            LoadFailure = new EngineException(EngineFailure.Unsupported, "no engine") { Reason = "this runtime has no Engine API (OgaCreateEngine is missing)" },
        };
        var plan = ServingRun.Plan with { Concurrencies = [1, 2], ConcurrencyAuto = true, RequestRatesPerSecond = [5], RequestRateAuto = true, RequestsPerPoint = 3 };

        var rows = ServingRun.Sweep(plan, failing, clock);

        Assert.Equal([ServingLoad.Closed(1), ServingLoad.Closed(2), ServingLoad.Closed(1), ServingLoad.Open(5), ServingLoad.Open(null)], rows.Select(r => r.Load));
        Assert.All(rows, r => Assert.Equal((ResultStatus.Unsupported, "this runtime has no Engine API (OgaCreateEngine is missing)"), (r.Status, r.Reason)));
        Assert.All(rows, r => Assert.Equal(("fake-model", "int4", "cpu", "/models/fake"), (r.Model, r.Variant, r.ExecutionProvider, r.ModelPath)));
    }

    [Fact]
    public void Every_target_is_served_in_turn_with_the_engines_capabilities_on_its_rows()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, 4);
        var other = ServingRun.Target with { Variant = "fp32" };

        var rows = ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [2], RequestsPerPoint = 4 }, model, clock, servingTargets: [ServingRun.Target, other]);

        Assert.Equal(["int4", "fp32"], rows.Select(r => r.Variant));
        Assert.Equal(2, model.Loads);
        Assert.All(rows, r => Assert.Equal(model.Capabilities with { Notes = r.Capabilities!.Notes }, r.Capabilities));
    }

    [Fact]
    public void Automatic_concurrency_doubles_until_goodput_stops_growing_and_records_why_on_the_last_point()
    {
        var clock = new FakeClock();
        // A batch of 2: concurrency 4 queues in the engine and serves no more than 2.
        var rows = ServingRun.Sweep(ServingRun.Plan with { ConcurrencyAuto = true, RequestsPerPoint = 60 }, new ClockedServingModel(clock, Step, 2), clock);

        Assert.Equal([1, 2, 4], rows.Select(r => r.Load.Concurrency!.Value));
        Assert.All(rows.SkipLast(1), r => Assert.Null(r.ConcurrencyStop));
        Assert.Equal(BatchStopReason.ThroughputFlat, rows[^1].ConcurrencyStop!.Reason);
        Assert.StartsWith("goodput gained ", rows[^1].ConcurrencyStop!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Automatic_concurrency_stops_at_a_broken_target_or_past_twice_the_engines_batch()
    {
        var clock = new FakeClock();
        LatencyTarget[] tight = [new(LatencyMetric.TtftP90, 15)];

        var broken = ServingRun.Sweep(ServingRun.Plan with { ConcurrencyAuto = true, RequestsPerPoint = 40 }, new ClockedServingModel(clock, Step, 2), clock, tight);
        var capped = ServingRun.Sweep(ServingRun.Plan with { ConcurrencyAuto = true, RequestsPerPoint = 40 }, new ClockedServingModel(clock, Step, 1), clock);

        Assert.Equal([1, 2, 4], broken.Select(r => r.Load.Concurrency!.Value));
        Assert.Equal(BatchStopReason.TargetBroken, broken[^1].ConcurrencyStop!.Reason);
        Assert.Equal([1, 2], capped.Select(r => r.Load.Concurrency!.Value));
        Assert.Contains(capped[^1].ConcurrencyStop!.Reason, new[] { BatchStopReason.MaxBatch, BatchStopReason.ThroughputFlat });
    }

    [Fact]
    public void Automatic_rates_are_half_nine_tenths_and_one_and_a_half_of_the_best_closed_loop_throughput()
    {
        var clock = new FakeClock();
        var plan = ServingRun.Plan with { Concurrencies = [1, 2], RequestRateAuto = true, RequestsPerPoint = 150 };

        var rows = ServingRun.Sweep(plan, new ClockedServingModel(clock, Step, 2), clock);

        var best = rows.Take(2).Max(r => r.Metrics!.RequestsPerSecond);
        Assert.Equal(20, best, tolerance: 1);
        Assert.Equal(new double?[] { 0.5 * best, 0.9 * best, 1.5 * best }, rows.Skip(2).Select(r => r.Load.RequestsPerSecond));
        Assert.Equal([false, true], [rows[2].Metrics!.Saturated, rows[4].Metrics!.Saturated]);
    }

    [Fact]
    public void Requests_longer_than_the_engine_allows_make_the_targets_rows_unsupported()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, 4) { MaxRequestLength = 12 };

        var row = Assert.Single(ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [1] }, model, clock));

        Assert.Equal((ResultStatus.Unsupported, "requests reach 15 tokens (prompt and output), more than the engine's maximum request length 12"), (row.Status, row.Reason));
        Assert.Empty(model.Submissions);
    }

    [Fact]
    public void Lengths_from_a_file_are_taken_in_turn()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "lengths.csv");
        File.WriteAllText(path, "prompt_tokens,output_tokens,shared_prefix_tokens\n4,2,2\n9,3,0\n");
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, 4);
        var file = LengthsFile.Read(path);
        var plan = ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = 4, WarmupRequests = 0, Lengths = file.Record };

        ServingRun.Sweep(plan, model, clock, fileLengths: file.Lengths);

        Assert.Equal([(4, 2), (9, 3), (4, 2), (9, 3)], model.Submissions.Select(s => (s.Prompt.Length, s.OutputTokens)));
        Assert.Equal(model.Submissions[0].Prompt[..2], model.Submissions[2].Prompt[..2]);
    }

    [Fact]
    public void Each_request_records_the_prefix_it_really_shared_the_plans_cut_to_a_shorter_prompt_or_its_lines_own()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "lengths.csv");
        File.WriteAllText(path, "prompt_tokens,output_tokens,shared_prefix_tokens\n3,2,0\n9,3,0\n9,3,2\n");
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, 4);
        var file = LengthsFile.Read(path);
        var plan = ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = 3, WarmupRequests = 0, Lengths = file.Record, SharedPrefixTokens = 6 };

        var row = Assert.Single(ServingRun.Sweep(plan, model, clock, fileLengths: file.Lengths));

        Assert.Equal<int?>([3, 6, 2], row.Requests.Select(r => r.SharedPrefixTokens));
        Assert.Null(Assert.Single(ServingRun.Sweep(ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = 1 }, model, clock)).Requests[0].SharedPrefixTokens);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(0)]
    public void A_point_whose_time_bound_ends_before_a_measured_request_finishes_is_skipped_saying_so_not_failed(int warmupRequests)
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, 4);
        var plan = ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = null, SecondsPerPoint = 0.001, WarmupRequests = warmupRequests };

        var row = Assert.Single(ServingRun.Sweep(plan, model, clock));

        Assert.Equal(ResultStatus.Skipped, row.Status);
        Assert.Null(row.Metrics);
        Assert.Equal("no measured request finished within the point's 0.001 s time bound and its drain (nothing failed): " +
            $"{(warmupRequests == 0 ? "1 measured request" : "0 measured requests")} arrived, 1 request was still in flight at the end and cancelled; " +
            "a longer --duration measures this point", row.Reason);
    }

    [Fact]
    public void A_time_bound_point_whose_requests_failed_is_still_failed()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, 4) { Fails = _ => true };
        var plan = ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = null, SecondsPerPoint = 5, WarmupRequests = 0 };

        var row = ServingRun.Sweep(plan, model, clock)[0];

        Assert.Equal(ResultStatus.Failed, row.Status);
        Assert.StartsWith("no measured request completed", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_bound_that_ends_before_an_open_loops_first_measured_arrival_is_refused_before_anything_loads()
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, 4);
        var plan = ServingRun.Plan with { RequestRatesPerSecond = [50, 1], RequestsPerPoint = null, SecondsPerPoint = 2 };
        var arrival = GammaArrivals.Arrival(8, 1, 1, 7).TotalSeconds;

        var e = Assert.ThrowsAny<InputFieldException>(() => ServingRun.Sweep(plan, model, clock));

        Assert.True(arrival >= 2, $"the sample's 9th arrival at 1 request/s comes at {arrival} s");
        Assert.Equal($"SecondsPerPoint, RequestRatesPerSecond: at 1.00 requests/s the first measured request (after 8 warmup) arrives {ReadableNumber.Of(arrival)} s " +
            "into the point (seed 7), not within its 2 s: expected a time bound that admits at least one measured request", e.Message);
        Assert.Equal(0, model.Loads);
        // At 50 requests/s the same bound admits measured requests: only the rate that cannot is refused.
        Assert.True(GammaArrivals.Arrival(8, 50, 1, 7).TotalSeconds < 2);
    }

    public static TheoryData<ServingPlanRecord, string> HostilePlans => new()
    {
        { ServingRun.Plan with { Concurrencies = [0] }, "Concurrencies: expected a whole number from 1 to 65536, got 0" },
        { ServingRun.Plan with { Concurrencies = [1_000_000] }, "Concurrencies: expected a whole number from 1 to 65536, got 1000000" },
        { ServingRun.Plan with { RequestRatesPerSecond = [0] }, "RequestRatesPerSecond: expected a number above 0 and at most 1000000, got 0" },
        { ServingRun.Plan with { RequestRatesPerSecond = [double.NaN] }, "RequestRatesPerSecond: expected a number above 0 and at most 1000000, got NaN" },
        { ServingRun.Plan with { RequestRatesPerSecond = [double.PositiveInfinity] }, "RequestRatesPerSecond: expected a number above 0 and at most 1000000, got Infinity" },
        { ServingRun.Plan with { RequestRatesPerSecond = [1e300] }, "RequestRatesPerSecond: expected a number above 0 and at most 1000000, got 1E+300" },
        { ServingRun.Plan with { Concurrencies = [1], RequestsPerPoint = null }, "RequestsPerPoint, SecondsPerPoint: a point needs a bound: a number of requests, a number of seconds, or both" },
        { ServingRun.Plan with { Concurrencies = [1], SecondsPerPoint = double.NaN }, "SecondsPerPoint: expected a number above 0 and at most 86400, got NaN" },
        { ServingRun.Plan, "Concurrencies, RequestRatesPerSecond: the plan has no load point: give concurrencies, request rates, or auto" },
        { ServingRun.Plan with { RequestRateAuto = true }, "RequestRateAuto, Concurrencies: automatic request rates are fractions of the best closed-loop throughput, so the plan needs concurrencies (or auto) too" },
        { ServingRun.Plan with { Concurrencies = [1], SharedPrefixTokens = 6 }, "SharedPrefixTokens, PromptTokensMin: the shared prefix (6 tokens) is longer than the shortest prompt (5 tokens)" },
        { ServingRun.Plan with { Concurrencies = [1], Lengths = new ServingLengths("uniform", 9, 5, 10, 10) }, "PromptTokensMin, OutputTokensMin: a range's minimum is above its maximum (prompt 9 to 5, output 10 to 10)" },
        { ServingRun.Plan with { Concurrencies = [1], Lengths = new ServingLengths("fixed", 0, 0, 10, 10) }, "PromptTokensMin: expected a whole number from 1 to 1048576, got 0" },
    };

    [Theory]
    [MemberData(nameof(HostilePlans))]
    public void A_hostile_plan_is_refused_before_anything_loads_naming_its_fields(ServingPlanRecord plan, string message)
    {
        var clock = new FakeClock();
        var model = new ClockedServingModel(clock, Step, 4);

        var e = Assert.ThrowsAny<InputFieldException>(() => ServingRun.Sweep(plan, model, clock));

        Assert.Equal(message, e.Message);
        Assert.Equal(0, model.Loads);
    }
}
