using InferBench.Cli;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Tests.Runner;

public sealed class ProviderOptionParserTests
{
    [Fact]
    public void Key_value_pairs_come_back_in_the_order_given()
    {
        var options = ProviderOptionParser.Parse(["enable_cuda_graph=1", "use_tf32=0", "device_id=1", "cudnn_conv_algo_search=HEURISTIC", "some_new_ort_option=x"], ExecutionProvider.Cuda);

        Assert.Equal(
            [new("enable_cuda_graph", "1"), new("use_tf32", "0"), new("device_id", "1"), new("cudnn_conv_algo_search", "HEURISTIC"), new ProviderOption("some_new_ort_option", "x")],
            options);
    }

    [Theory]
    [InlineData(ExecutionProvider.Cuda, new[] { "device_id=3", "use_tf32=1" }, 3)]
    [InlineData(ExecutionProvider.Cuda, new[] { "use_tf32=1" }, 0)]
    [InlineData(ExecutionProvider.Cpu, new string[0], null)]
    [InlineData(ExecutionProvider.Auto, new string[0], 0)]
    public void The_cuda_device_a_run_uses_is_its_device_id_else_0(ExecutionProvider executionProvider, string[] arguments, int? device)
    {
        var plan = new RunPlanRecord([8], [4], [1], 0, 1, null, 42, executionProvider, null, ProviderOptionParser.Parse(arguments, executionProvider));

        Assert.Equal(device, ProviderOptionParser.CudaDeviceOf(plan));
    }

    [Fact]
    public void No_options_is_fine_on_any_provider()
    {
        Assert.Empty(ProviderOptionParser.Parse([], ExecutionProvider.Cpu));
    }

    [Theory]
    [InlineData("enable_cuda_graph", "expected key=value, such as enable_cuda_graph=1, got \"enable_cuda_graph\"")]
    [InlineData("=1", "expected key=value, such as enable_cuda_graph=1, got \"=1\"")]
    [InlineData("use_tf32=", "expected key=value, such as enable_cuda_graph=1, got \"use_tf32=\"")]
    [InlineData("Use-TF32=1", "expected a key of lowercase letters, digits and '_', got \"Use-TF32\"")]
    [InlineData("enable_cuda_graph=true", "enable_cuda_graph takes 0 or 1, got \"true\"")]
    [InlineData("use_tf32=2", "use_tf32 takes 0 or 1, got \"2\"")]
    [InlineData("device_id=-1", "device_id takes a whole number of 0 or more, got \"-1\"")]
    [InlineData("device_id=4294967296", "device_id takes a GPU index from 0 to 2147483647, got \"4294967296\"")]
    [InlineData("gpu_mem_limit=8GB", "gpu_mem_limit takes a whole number of 0 or more, got \"8GB\"")]
    [InlineData("cudnn_conv_algo_search=FAST", "cudnn_conv_algo_search takes one of EXHAUSTIVE, HEURISTIC, DEFAULT, got \"FAST\"")]
    public void A_malformed_option_or_a_value_a_known_key_cannot_take_is_bad_input(string argument, string message)
    {
        var error = Assert.Throws<InputFieldException>(() => ProviderOptionParser.Parse([argument], ExecutionProvider.Cuda));

        Assert.Equal($"--provider-option: {message}", error.MessageNaming(OptionNames.Of));
    }

    [Fact]
    public void A_key_given_twice_is_bad_input()
    {
        var error = Assert.Throws<InputFieldException>(() => ProviderOptionParser.Parse(["use_tf32=0", "use_tf32=1"], ExecutionProvider.Cuda));

        Assert.Equal("ProviderOptions: \"use_tf32\" is given twice; give each key once", error.Message);
        Assert.Equal("--provider-option: \"use_tf32\" is given twice; give each key once", error.MessageNaming(OptionNames.Of));
    }

    [Fact]
    public void Options_on_the_cpu_provider_are_bad_input()
    {
        var error = Assert.Throws<InputFieldException>(() => ProviderOptionParser.Parse(["enable_cuda_graph=1"], ExecutionProvider.Cpu));

        Assert.Equal("--provider-option: options are for the cuda provider (or auto, for the variants that run on cuda); this run uses the cpu provider, which takes none", error.MessageNaming(OptionNames.Of));
    }

    [Fact]
    public void Options_with_ep_auto_are_kept_for_the_variants_that_run_on_cuda()
    {
        Assert.Equal([new ProviderOption("enable_cuda_graph", "1")], ProviderOptionParser.Parse(["enable_cuda_graph=1"], ExecutionProvider.Auto));
    }
}
