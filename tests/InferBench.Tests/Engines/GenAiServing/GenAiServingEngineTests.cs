using InferBench.Engines;
using InferBench.Engines.GenAiServing;
using InferBench.Models;
using InferBench.Results;
using InferBench.Tests.Support;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Tests.Engines.GenAiServing;

/// <summary>GenAI's Engine on the tiny synthetic model (static batching, as the model is not paged).</summary>
public sealed class GenAiServingEngineTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>
{
    private const int OutputTokens = 12;
    private static readonly int[] Prompt = [5, 17, 42, 99, 7, 3, 250, 11];

    private IServingModel Load(ServingEngineSettings? settings = null) => GenAiServingEngineLoad.Cpu(tiny.Fp32, settings);

    [Fact]
    public void One_request_gets_exactly_the_asked_tokens_and_the_engines_usage()
    {
        using var model = Load();
        var sink = new RecordingServingSink();

        model.Submit(1, Prompt, OutputTokens);
        sink.Drain(model);

        Assert.Equal(OutputTokens, sink.Tokens[1].Count);
        Assert.Equal((ServingFinishReason.MaxGeneratedTokens, new ServingUsage(Prompt.Length, OutputTokens, 0)), sink.Finished[1]);
        Assert.Empty(sink.Failed);
        Assert.False(model.HasPendingWork);
    }

    [Fact]
    public void Four_concurrent_requests_each_get_exactly_the_asked_tokens_in_one_batch()
    {
        using var model = Load();
        var sink = new RecordingServingSink();

        for (var id = 0; id < 4; id++)
            model.Submit(id, [.. Prompt[..(4 + id)]], OutputTokens + id);
        sink.Drain(model);

        for (var id = 0; id < 4; id++)
        {
            Assert.Equal(OutputTokens + id, sink.Tokens[id].Count);
            Assert.Equal((ServingFinishReason.MaxGeneratedTokens, new ServingUsage(4 + id, OutputTokens + id, 0)), sink.Finished[id]);
        }
        Assert.Equal(4, sink.RowsPerStep.Max());
    }

    [Fact]
    public void The_engines_greedy_tokens_are_the_generators()
    {
        using var model = Load();
        var sink = new RecordingServingSink();
        model.Submit(7, Prompt, OutputTokens);
        sink.Drain(model);

        using var parameters = new GeneratorParams(tiny.Model);
        parameters.SetSearchOption("max_length", Prompt.Length + OutputTokens);
        parameters.SetSearchOption("min_length", Prompt.Length + OutputTokens);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(tiny.Model, parameters);
        generator.AppendTokens(Prompt);
        while (!generator.IsDone())
            generator.GenerateNextToken();

        Assert.Equal(generator.GetSequence(0)[Prompt.Length..].ToArray(), sink.Tokens[7]);
    }

    [Fact]
    public void Static_batching_reports_four_requests_per_step_and_runs_no_more_whatever_is_configured()
    {
        using var byDefault = Load();
        using var asked64 = Load(new ServingEngineSettings(MaxBatchSize: 64, MaxScheduledTokens: 512));
        var sink = new RecordingServingSink();

        for (var id = 0; id < 8; id++)
            asked64.Submit(id, Prompt, 4);
        sink.Drain(asked64);

        Assert.Equal(
            ("static", 4, 4, (long?)null, (long?)null, false),
            (byDefault.Capabilities.Batching, byDefault.Capabilities.ConfiguredMaxBatchSize, byDefault.Capabilities.EffectiveMaxBatchSize,
                byDefault.Capabilities.MaxScheduledTokens, byDefault.Capabilities.MaxRequestLength, byDefault.Capabilities.ReusesPromptPrefix));
        Assert.Equal("genai-engine", byDefault.Capabilities.Engine);
        Assert.Contains(byDefault.Capabilities.Notes, note => note.Contains("scheduler.cpp line 78", StringComparison.Ordinal));
        Assert.Equal((64, 4), (asked64.Capabilities.ConfiguredMaxBatchSize, asked64.Capabilities.EffectiveMaxBatchSize));
        Assert.Contains(asked64.Capabilities.Notes, note => note.Contains("max scheduled tokens 512 not applied", StringComparison.Ordinal));
        Assert.Equal(4, sink.RowsPerStep.Max());
        Assert.Equal(8, sink.Finished.Count);
    }

    [Fact]
    public void A_request_arriving_while_a_static_batch_runs_waits_until_the_whole_batch_has_finished()
    {
        using var model = Load();
        var sink = new RecordingServingSink();
        model.Submit(0, Prompt, 4);
        model.Submit(1, Prompt, 20);

        while (!sink.Finished.ContainsKey(0))
            sink.Step(model);
        model.Submit(2, Prompt, 4);
        while (!sink.Tokens.ContainsKey(2))
            sink.Step(model);

        Assert.True(sink.Finished.ContainsKey(1), "the late request started before the running batch finished");
    }

    [Fact]
    public void A_request_cancelled_midway_ends_cancelled_and_the_others_finish()
    {
        using var model = Load();
        var sink = new RecordingServingSink();
        model.Submit(1, Prompt, 40);
        model.Submit(2, Prompt, 10);

        while (sink.Tokens.GetValueOrDefault(1)?.Count is not >= 3)
            sink.Step(model);
        model.Cancel(1);
        sink.Drain(model);

        Assert.Equal(ServingFinishReason.Cancelled, sink.Finished[1].Reason);
        Assert.InRange(sink.Tokens[1].Count, 3, 39);
        Assert.Equal((ServingFinishReason.MaxGeneratedTokens, 10), (sink.Finished[2].Reason, sink.Tokens[2].Count));
        Assert.Throws<ArgumentException>(() => model.Release(1)); // released by the sink once finished
    }

    [Fact]
    public void Disposing_with_requests_still_running_closes_them()
    {
        var model = Load();
        var sink = new RecordingServingSink();
        model.Submit(1, Prompt, 30);
        model.Submit(2, Prompt, 30);
        sink.Step(model);

        model.Dispose();
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Step(sink));
    }

    [Fact]
    public void A_request_id_in_use_or_unknown_is_refused()
    {
        using var model = Load();
        model.Submit(1, Prompt, 2);

        Assert.Throws<ArgumentException>(() => model.Submit(1, Prompt, 2));
        Assert.Throws<ArgumentException>(() => model.Release(2));
        Assert.Throws<ArgumentException>(() => model.Cancel(2));
    }

    [Fact]
    public void A_request_longer_than_the_model_allows_is_refused_in_GenAIs_words()
    {
        using var model = Load();

        var refused = Assert.Throws<EngineException>(() => model.Submit(1, Prompt, 1_000));

        Assert.NotEmpty(refused.Message);
        model.Submit(1, Prompt, 2); // the id was not taken by the refused request
    }

    [Fact]
    public void The_users_folder_is_left_as_it_is()
    {
        var config = Path.Combine(tiny.Fp32, GenAiModelFolder.ConfigFileName);
        var before = File.ReadAllBytes(config);

        using var model = Load(new ServingEngineSettings(MaxBatchSize: 2));

        Assert.Equal(before, File.ReadAllBytes(config));
        Assert.Equal(2, model.Capabilities.ConfiguredMaxBatchSize);
    }

    [SkippableFact]
    public void Serving_on_cuda_in_the_cpu_build_is_unsupported_with_the_build_command()
    {
        Skip.If(BuildFlavour.IsCuda, "this is the CUDA build (-p:ExecutionProvider=cuda): the CPU build's message does not apply");

        var refused = Assert.Throws<EngineException>(() =>
            new GenAiServingEngine().Load(tiny.Fp32, ExecutionProvider.Cuda, intraOpThreads: null, providerOptions: null, ServingEngineSettings.Default));

        Assert.Equal(EngineFailure.CudaUnavailable, refused.Failure);
        Assert.Equal(ResultStatus.Unsupported, FailureReasons.Classify(refused, "load").Status);
    }

    [Fact]
    public void Steady_state_steps_allocate_nothing_per_event()
    {
        using var model = Load();
        var sink = new NoOpServingSink();
        for (var id = 0; id < 4; id++)
            model.Submit(id, Prompt, 200);
        for (var step = 0; step < 20; step++)
            model.Step(sink);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var step = 0; step < 50; step++)
            model.Step(sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(70 * 4, sink.Tokens);
    }
}
