using InferBench.Engines;
using InferBench.Tests.Support;

namespace InferBench.Tests.Engines.GenAiServing;

/// <summary>GenAI's Engine on GenAI's own paged test model (../shared/fixtures): continuous batching on the CPU.</summary>
public sealed class PagedEngineTests
{
    private static readonly int[] Prompt = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

    [SkippableFact]
    public void The_paged_model_runs_continuous_batching_with_its_own_limits()
    {
        using var model = GenAiServingEngineLoad.Cpu(SharedFixtures.RequireEngineSyntheticPaged());

        var capabilities = model.Capabilities;

        Assert.Equal(("dynamic", 8, 8, (long?)2048, (long?)128, true),
            (capabilities.Batching, capabilities.ConfiguredMaxBatchSize, capabilities.EffectiveMaxBatchSize,
                capabilities.MaxScheduledTokens, capabilities.MaxRequestLength, capabilities.ReusesPromptPrefix));
        Assert.Contains(capabilities.Notes, note => note.Contains("the model's own engine section", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Eight_requests_are_admitted_together_and_each_gets_exactly_its_tokens()
    {
        using var model = GenAiServingEngineLoad.Cpu(SharedFixtures.RequireEngineSyntheticPaged());
        var sink = new RecordingServingSink();

        for (var id = 0; id < 8; id++)
            model.Submit(id, [.. Prompt[..(2 + id)]], 16);
        var steps = sink.Drain(model);

        Assert.Equal(8, sink.RowsPerStep.Max());
        Assert.Equal(16, steps);
        Assert.All(Enumerable.Range(0, 8), id =>
        {
            Assert.Equal(16, sink.Tokens[id].Count);
            Assert.Equal(ServingFinishReason.MaxGeneratedTokens, sink.Finished[id].Reason);
            Assert.Equal((2 + id, 16), (sink.Finished[id].Usage.PromptTokens, sink.Finished[id].Usage.GeneratedTokens));
        });
    }

    [SkippableFact]
    public void More_requests_than_the_batch_wait_and_join_as_others_leave()
    {
        using var model = GenAiServingEngineLoad.Cpu(SharedFixtures.RequireEngineSyntheticPaged(), new ServingEngineSettings(MaxBatchSize: 4));
        var sink = new RecordingServingSink();

        for (var id = 0; id < 6; id++)
            model.Submit(id, Prompt, 4 + 4 * (id % 2));
        sink.Drain(model);

        Assert.Equal(4, model.Capabilities.ConfiguredMaxBatchSize);
        Assert.Equal(4, sink.RowsPerStep.Max());
        Assert.All(Enumerable.Range(0, 6), id => Assert.Equal(4 + 4 * (id % 2), sink.Tokens[id].Count));
    }

    [SkippableFact]
    public void A_request_arriving_while_others_run_joins_the_running_batch()
    {
        using var model = GenAiServingEngineLoad.Cpu(SharedFixtures.RequireEngineSyntheticPaged());
        var sink = new RecordingServingSink();
        model.Submit(0, Prompt, 4);
        model.Submit(1, Prompt, 20);

        while (!sink.Finished.ContainsKey(0))
            sink.Step(model);
        model.Submit(2, Prompt, 4);
        while (!sink.Tokens.ContainsKey(2))
            sink.Step(model);

        Assert.False(sink.Finished.ContainsKey(1), "the late request waited for the running one to finish");
        sink.Drain(model);
        Assert.Equal((20, 4), (sink.Tokens[1].Count, sink.Tokens[2].Count));
    }

    [SkippableFact]
    public void A_finished_request_not_yet_released_keeps_its_place_so_a_queued_one_is_blocked_until_it_is()
    {
        using var model = GenAiServingEngineLoad.Cpu(SharedFixtures.RequireEngineSyntheticPaged(), new ServingEngineSettings(MaxBatchSize: 2));
        var sink = new RecordingServingSink { ReleasesFinished = false };
        for (var id = 0; id < 3; id++)
            model.Submit(id, Prompt, 4);

        for (var step = 0; step < 12; step++)
            sink.Step(model);
        var blockedWhileKept = sink.CapacityBlocked.ToArray();
        var tokensWhileKept = sink.Tokens.GetValueOrDefault(2)?.Count ?? 0;
        model.Release(0);
        model.Release(1);
        sink.Drain(model);

        Assert.Equal(0, tokensWhileKept);
        Assert.Contains(IServingEventSink.NoRequest, blockedWhileKept); // the engine blocks admission, naming no request
        Assert.Equal(4, sink.Tokens[2].Count);
    }

    [SkippableFact]
    public void A_prompt_repeated_after_its_first_request_reuses_the_cached_blocks()
    {
        using var model = GenAiServingEngineLoad.Cpu(SharedFixtures.RequireEngineSyntheticPaged());
        var sink = new RecordingServingSink();

        model.Submit(1, Prompt, 4);
        sink.Drain(model);
        model.Submit(2, Prompt, 4);
        sink.Drain(model);

        Assert.Equal(0, sink.Finished[1].Usage.CachedPromptTokens);
        Assert.Equal(8, sink.Finished[2].Usage.CachedPromptTokens); // whole blocks of 4, the last prompt token computed again
        Assert.Equal(sink.Tokens[1], sink.Tokens[2]);
    }

    [SkippableFact]
    public void The_settings_set_the_dynamic_batch_and_token_budget()
    {
        using var model = GenAiServingEngineLoad.Cpu(SharedFixtures.RequireEngineSyntheticPaged(), new ServingEngineSettings(MaxBatchSize: 2, MaxScheduledTokens: 64));

        Assert.Equal((2, 2, (long?)64), (model.Capabilities.ConfiguredMaxBatchSize, model.Capabilities.EffectiveMaxBatchSize, model.Capabilities.MaxScheduledTokens));
    }
}
