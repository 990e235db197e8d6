using InferBench.Engines;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Engines;

/// <summary>Asking for CUDA on the CPU build must say how to get the CUDA build, not just that it failed.</summary>
public sealed class CudaOnCpuBuildTests
{
    [Fact]
    public void The_build_records_which_genai_package_it_was_built_with()
    {
        Assert.Contains(BuildFlavour.ExecutionProvider, (string[])["cpu", "cuda"]);
    }

    [SkippableFact]
    public void Loading_a_model_on_cuda_in_the_cpu_build_is_unsupported_with_the_build_command_and_the_guide()
    {
        Skip.If(BuildFlavour.IsCuda, "this is the CUDA build (-p:ExecutionProvider=cuda): the CPU build's message does not apply");
        var folder = SharedFixtures.RequireTinyGpt2();

        var exception = Record.Exception(() => InferenceEngines.Default.Load(folder, ExecutionProvider.Cuda, intraOpThreads: null).Dispose());
        var (status, reason) = FailureReasons.Classify(exception!, "load");

        Assert.Equal(ResultStatus.Unsupported, status);
        Assert.Equal(
            "needs the CUDA build of InferBench and an NVIDIA GPU: this is the CPU build; build for CUDA with "
            + "`dotnet build -c Release -p:ExecutionProvider=cuda` (see docs/gpu.md; ONNX Runtime GenAI: Cuda interface not available)",
            reason);
    }
}
