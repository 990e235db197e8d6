using System.CommandLine;
using System.Diagnostics;
using InferBench.Import;
using InferBench.Results;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench models import</c>: writes a Hugging Face checkpoint as the GenAI model folder GenAI's model builder emits for it.</summary>
public static class ModelsImportCommand
{
    private static readonly Argument<string> Checkpoint = new("checkpoint")
    {
        Description = "Hugging Face checkpoint folder: config.json, model.safetensors (or model.safetensors.index.json and its shards), tokenizer files",
    };
    private static readonly Option<string> Out = CommonOptions.Out("Folder to write the model into", required: true);
    private static readonly Option<string?> PrecisionOption = CommonOptions.Choice("--precision", "Weights, activations and KV cache: fp32 or fp16",
        Precision.Fp32, Precision.Fp32, Precision.Fp16);
    private static readonly Option<string?> TargetOption = CommonOptions.Choice("--target", "Execution provider the model is made for (its genai_config.json provider): cpu or cuda",
        ExecutionProvider.Cpu, ExecutionProvider.Cpu, ExecutionProvider.Cuda);

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("import",
            $"Write a Hugging Face checkpoint ({string.Join(", ", CheckpointArchitecture.Supported.Select(a => a.ModelType))}; safetensors F32, F16 or BF16) as a GenAI model folder")
        {
            Checkpoint, Out, PrecisionOption, TargetOption,
        };
        command.SetAction(parseResult => ModelsCommand.Stoppable(io, cancellation, "models import", parseResult.GetValue(Out)!, () => Import(parseResult, io, cancellation)));
        return command;
    }

    private static int Import(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        var options = new ImportOptions(JsonEnumName.Find<Precision>(parseResult.GetValue(PrecisionOption)!)!.Value,
            JsonEnumName.Find<ExecutionProvider>(parseResult.GetValue(TargetOption)!)!.Value);
        var stopwatch = Stopwatch.StartNew();
        var stamp = CheckpointImporter.Import(parseResult.GetValue(Checkpoint)!, parseResult.GetValue(Out)!, options, cancellation);
        var seconds = stopwatch.Elapsed.TotalSeconds;

        void Line(FormattableString text) => io.Out.WriteLine(FormattableString.Invariant(text));
        Line($"{stamp.ModelType} checkpoint imported to {Path.GetFullPath(parseResult.GetValue(Out)!)}");
        Line($"  from:       {stamp.SourceFolder} ({string.Join(", ", stamp.SourceFileBytes.Keys)})");
        Line($"  parameters: {stamp.ParameterCount:N0} ({stamp.ParameterCount / 1e6:F1} M)");
        Line($"  precision:  {JsonEnumName.Of(stamp.Precision)} for {JsonEnumName.Of(stamp.Target)}");
        Line($"  files:      {stamp.TotalFileBytes:N0} bytes ({stamp.TotalFileBytes / 1e6:F1} MB)");
        Line($"  time:       {seconds:F2} s");
        return ExitCodes.AllOk;
    }
}
