using System.Text.RegularExpressions;
using InferBench.Cli;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Runner;

/// <summary>A tiny synthetic model whose genai_config.json names an input its graph does not have.</summary>
public sealed class ModelInputMismatchTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <param name="input">GenAI's name for the input, as in $.model.decoder.inputs.</param>
    /// <param name="wrongGraphName">What genai_config.json says the graph calls it.</param>
    private string MisnamedModel(string input, string wrongGraphName)
    {
        var folder = _temp.Combine("misnamed");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, folder);
        var configPath = Path.Combine(folder, SyntheticModelWriter.GenAiConfigFileName);
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace($"\"{input}\": \"{input}\"", $"\"{input}\": \"{wrongGraphName}\""));
        return folder;
    }

    private string[] RunArgs(string model) =>
    [
        "run", "--model-path", model, "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1", "--warmup", "0", "--reps", "1",
        "--threads", "1", "--fidelity", "false", "--power", "none", "--out", _temp.Combine("results"),
    ];

    [Fact]
    public void A_row_failing_on_an_input_genai_cannot_find_names_the_graphs_inputs_and_those_the_config_expects()
    {
        var run = CliRun.Invoke(RunArgs(MisnamedModel("input_ids", "tokens")));

        Assert.Equal(ExitCodes.SomeRowsFailed, run.ExitCode);
        var row = Assert.Single(RunFolder.Read(Assert.Single(Directory.GetDirectories(_temp.Combine("results")))).Results);
        Assert.Equal(ResultStatus.Failed, row.Status);
        Assert.Equal(
            "measured repetition 1: Model input was not found: tokens (model.onnx has inputs input_ids, attention_mask, "
            + "past_key_values.%d.key x 2, past_key_values.%d.value x 2; genai_config.json $.model.decoder.inputs expects "
            + "input_ids = tokens, attention_mask = attention_mask, past_key_names = past_key_values.%d.key, past_value_names = past_key_values.%d.value)",
            row.Reason);
    }

    [Fact]
    public async Task Onnx_runtimes_coloured_error_lines_do_not_reach_stderr()
    {
        using var child = ChildCli.Start(new Dictionary<string, string>(), RunArgs(MisnamedModel("attention_mask", "attn_mask")));

        var run = await child.ExitAsync();

        Assert.True(run.ExitCode == ExitCodes.SomeRowsFailed, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains("Missing Input: attention_mask (model.onnx has inputs input_ids, attention_mask,", run.Error);
        Assert.False(run.Error.Contains('\u001b') || run.Out.Contains('\u001b'), run.Error.Replace("\u001b", "ESC"));
        Assert.DoesNotMatch(new Regex(@"\[E:onnxruntime:"), run.Error);
    }
}
