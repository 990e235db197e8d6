using InferBench.Engines;
using InferBench.Engines.GenAiServing;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Engines.GenAiServing;

public sealed class GenAiEngineApiTests
{
    [Fact]
    public void The_shipped_runtime_exports_every_engine_symbol_bound()
    {
        Assert.NotNull(GenAiEngineApi.Shared);
    }

    [Fact]
    public void A_runtime_without_engine_symbols_is_unsupported_naming_them_and_its_version()
    {
        var refused = Assert.Throws<EngineException>(() =>
            GenAiEngineApi.Resolve(name => name is "OgaEngineRun" or "OgaRequestBeginTurn" ? 0 : 1));

        Assert.Equal(EngineFailure.Unsupported, refused.Failure);
        Assert.Contains("OgaEngineRun", refused.Reason);
        Assert.Contains("OgaRequestBeginTurn", refused.Reason);
        Assert.Contains("ONNX Runtime GenAI 0.", refused.Reason);
        Assert.Equal(ResultStatus.Unsupported, FailureReasons.Classify(refused, "loading").Status);
    }

    [SkippableFact]
    public void A_model_the_engine_refuses_is_unsupported_in_GenAIs_words()
    {
        var gpt2 = SharedFixtures.RequireTinyGpt2();

        var refused = Assert.Throws<EngineException>(() => GenAiServingEngineLoad.Cpu(gpt2));

        Assert.Equal(EngineFailure.Unsupported, refused.Failure);
        Assert.Contains("Expected a decoder-only model", refused.Reason);
        Assert.Equal(ResultStatus.Unsupported, FailureReasons.Classify(refused, "loading").Status);
    }
}
