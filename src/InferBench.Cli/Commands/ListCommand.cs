using System.CommandLine;
using InferBench.Manifest;
using InferBench.Runner;
using Spectre.Console;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench list</c>: the manifest's models and whether each variant is on this machine.</summary>
public static class ListCommand
{
    private static readonly Option<string> Manifest = CommonOptions.Manifest();

    public static Command Create(CliIo io)
    {
        var command = new Command("list",
            "List the manifest's models, where each variant comes from (derived ones: what from and how), whether it is present locally, "
            + "and the quantization rungs each model lacks") { Manifest };
        command.SetAction(parseResult =>
        {
            var manifest = ManifestLoader.Load(parseResult.GetValue(Manifest)!);
            var table = new Table().AddColumns("model", "variant", "precision", "providers", "source", "present");
            foreach (var model in manifest.Models)
                foreach (var variant in model.Variants)
                    table.AddRow(
                        Markup.Escape(model.Id),
                        Markup.Escape(variant.Id),
                        JsonEnumName.Of(variant.Precision),
                        string.Join(", ", variant.ExecutionProviders.Select(JsonEnumName.Of)),
                        Markup.Escape(SourceText(variant)),
                        Markup.Escape(TargetSelection.Availability(model, variant) is { } why ? $"no: {why}" : "yes"));
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) });
            if (!io.Interactive)
                console.Profile.Width = 200;
            console.Write(table);
            foreach (var model in manifest.Models)
            {
                foreach (var reason in QuantizationLadder.MissingRungs(model).GroupBy(rung => rung.Why))
                    io.Out.WriteLine($"{model.Id}: no {string.Join(", ", reason.Select(rung => $"{JsonEnumName.Of(rung.ExecutionProvider)} {JsonEnumName.Of(rung.Precision)}"))}: {reason.Key}");
            }
            return ExitCodes.AllOk;
        });
        return command;
    }

    private static string SourceText(ManifestVariant variant) => variant.Source switch
    {
        DerivedModelSource derived => $"derived {derived.Describe(variant.Precision)}",
        HuggingFaceModelSource hub => $"huggingface {hub.Repo}",
        CheckpointModelSource checkpoint => $"checkpoint {checkpoint.Repo}",
        SyntheticModelSource synthetic => $"synthetic {synthetic.Preset}",
        _ => "local folder",
    };
}
