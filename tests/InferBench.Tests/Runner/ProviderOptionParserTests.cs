using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Tests.Runner;

public sealed class ProviderOptionParserTests
{
    [Fact]
    public void Key_value_pairs_come_back_in_the_order_given()
    {
        var options = ProviderOptionParser.Parse(["enable_cuda_graph=1", "use_tf32=0", "device_id=1", "cudnn_conv_algo_search=HEURISTIC", "some_new_ort_option=x"], "cuda");

        Assert.Equal(
            [new("enable_cuda_graph", "1"), new("use_tf32", "0"), new("device_id", "1"), new("cudnn_conv_algo_search", "HEURISTIC"), new ProviderOption("some_new_ort_option", "x")],
            options);
    }

    [Fact]
    public void No_options_is_fine_on_any_provider()
    {
        Assert.Empty(ProviderOptionParser.Parse([], "cpu"));
    }

    [Theory]
    [InlineData("enable_cuda_graph", "expected key=value, such as enable_cuda_graph=1, got \"enable_cuda_graph\"")]
    [InlineData("=1", "expected key=value, such as enable_cuda_graph=1, got \"=1\"")]
    [InlineData("use_tf32=", "expected key=value, such as enable_cuda_graph=1, got \"use_tf32=\"")]
    [InlineData("Use-TF32=1", "expected a key of lowercase letters, digits and '_', got \"Use-TF32\"")]
    [InlineData("enable_cuda_graph=true", "enable_cuda_graph takes 0 or 1, got \"true\"")]
    [InlineData("use_tf32=2", "use_tf32 takes 0 or 1, got \"2\"")]
    [InlineData("device_id=-1", "device_id takes a whole number of 0 or more, got \"-1\"")]
    [InlineData("gpu_mem_limit=8GB", "gpu_mem_limit takes a whole number of 0 or more, got \"8GB\"")]
    [InlineData("cudnn_conv_algo_search=FAST", "cudnn_conv_algo_search takes one of EXHAUSTIVE, HEURISTIC, DEFAULT, got \"FAST\"")]
    public void A_malformed_option_or_a_value_a_known_key_cannot_take_is_bad_input(string argument, string message)
    {
        var error = Assert.Throws<InputException>(() => ProviderOptionParser.Parse([argument], "cuda"));

        Assert.Equal($"--provider-option: {message}", error.Message);
    }

    [Fact]
    public void A_key_given_twice_is_bad_input()
    {
        var error = Assert.Throws<InputException>(() => ProviderOptionParser.Parse(["use_tf32=0", "use_tf32=1"], "cuda"));

        Assert.Equal("--provider-option: \"use_tf32\" is given twice; give each key once", error.Message);
    }

    [Fact]
    public void Options_on_the_cpu_provider_are_bad_input()
    {
        var error = Assert.Throws<InputException>(() => ProviderOptionParser.Parse(["enable_cuda_graph=1"], "cpu"));

        Assert.Equal("--provider-option: options are for --ep cuda (or auto, for the variants that run on cuda); the run uses --ep cpu, which takes none", error.Message);
    }

    [Fact]
    public void Options_with_ep_auto_are_kept_for_the_variants_that_run_on_cuda()
    {
        Assert.Equal([new ProviderOption("enable_cuda_graph", "1")], ProviderOptionParser.Parse(["enable_cuda_graph=1"], "auto"));
    }
}
