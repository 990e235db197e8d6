using InferBench.Models;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Runner;

/// <summary>--ep auto follows the model: the variant's first provider this build and host can run, else the folder's genai_config.json.</summary>
public sealed class ExecutionProviderChoiceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>InferBench's own tiny model: these tests read its genai_config.json and need nothing from ../shared.</summary>
    private string TinyModel()
    {
        var folder = Path.Combine(_temp.Combine("written"), "tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, folder);
        return folder;
    }

    private static readonly ExecutionProvider[] CpuOnly = [ExecutionProvider.Cpu];
    private static readonly ExecutionProvider[] CpuAndCuda = [ExecutionProvider.Cpu, ExecutionProvider.Cuda];

    [Theory]
    [InlineData(ExecutionProvider.Auto, new[] { ExecutionProvider.Cuda, ExecutionProvider.Cpu }, false, ExecutionProvider.Cpu)]
    [InlineData(ExecutionProvider.Auto, new[] { ExecutionProvider.Cuda, ExecutionProvider.Cpu }, true, ExecutionProvider.Cuda)]
    [InlineData(ExecutionProvider.Auto, new[] { ExecutionProvider.Cpu, ExecutionProvider.Cuda }, true, ExecutionProvider.Cpu)]
    [InlineData(ExecutionProvider.Auto, new[] { ExecutionProvider.Cuda }, false, ExecutionProvider.Cuda)]
    [InlineData(ExecutionProvider.Cpu, new[] { ExecutionProvider.Cuda }, true, ExecutionProvider.Cpu)]
    [InlineData(ExecutionProvider.Cuda, new[] { ExecutionProvider.Cpu }, false, ExecutionProvider.Cuda)]
    [InlineData(ExecutionProvider.Cpu, new ExecutionProvider[0], false, ExecutionProvider.Cpu)]
    public void A_variant_runs_on_its_first_provider_that_can_run_here_unless_one_is_named(
        ExecutionProvider requested, ExecutionProvider[] variantProviders, bool cudaRunsHere, ExecutionProvider expected)
    {
        Assert.Equal(expected, ExecutionProviderChoice.Resolve(requested, variantProviders, cudaRunsHere ? CpuAndCuda : CpuOnly));
    }

    [Fact]
    public void A_model_folder_under_auto_is_its_configuration_s_to_say()
    {
        Assert.Null(ExecutionProviderChoice.Resolve(ExecutionProvider.Auto, [], CpuAndCuda));
        Assert.Equal(ExecutionProvider.Cuda, ExecutionProviderChoice.FromConfiguration("cuda"));
        Assert.Equal(ExecutionProvider.Cpu, ExecutionProviderChoice.FromConfiguration(null));
        Assert.Null(ExecutionProviderChoice.FromConfiguration("dml"));
        Assert.Null(ExecutionProviderChoice.FromConfiguration("auto"));
    }

    [Theory]
    [InlineData(true, true, new[] { ExecutionProvider.Cpu, ExecutionProvider.Cuda })]
    [InlineData(true, false, new[] { ExecutionProvider.Cpu })]
    [InlineData(false, true, new[] { ExecutionProvider.Cpu })]
    public void Cuda_runs_here_only_in_the_cuda_build_on_a_host_with_an_nvidia_gpu(bool cudaBuild, bool nvidiaGpu, ExecutionProvider[] expected)
    {
        Assert.Equal(expected, ExecutionProviderChoice.RunnableHere(cudaBuild, nvidiaGpu));
    }

    [Fact]
    public void A_row_that_runs_elsewhere_than_its_configuration_asks_says_so()
    {
        Assert.Equal("genai_config.json asks for the cuda provider; this row ran on cpu",
            ExecutionProviderChoice.ConfigurationNote("cuda", ExecutionProvider.Cpu));
        Assert.Null(ExecutionProviderChoice.ConfigurationNote("cuda", ExecutionProvider.Cuda));
        Assert.Null(ExecutionProviderChoice.ConfigurationNote(null, ExecutionProvider.Cpu));
        Assert.Equal("genai_config.json names no provider, so the model is configured for the CPU; this row ran on cuda",
            ExecutionProviderChoice.ConfigurationNote(null, ExecutionProvider.Cuda));
    }

    [Theory]
    [InlineData("[]", null)]
    [InlineData("""[ { "cuda": { "enable_cuda_graph": "0" } } ]""", "cuda")]
    [InlineData("""[ { "DML": {} }, { "cuda": {} } ]""", "dml")]
    public void Inspect_reads_the_provider_genai_config_asks_for(string providerOptions, string? expected)
    {
        var folder = CudaConfigured.CopyWithProviderOptions(_temp, TinyModel(), providerOptions);

        Assert.Equal(expected, GenAiModelFolder.Inspect(folder).ConfiguredProvider);
    }

    [Fact]
    public void Inspect_names_a_malformed_provider_list()
    {
        var folder = CudaConfigured.CopyWithProviderOptions(_temp, TinyModel(), "\"cuda\"");

        var error = Assert.Throws<ModelFolderException>(() => GenAiModelFolder.Inspect(folder));

        Assert.EndsWith("genai_config.json: $.model.decoder.session_options.provider_options: expected an array of {\"<provider>\": {options}} objects, got \"cuda\"", error.Message);
    }
}
