using InferBench.Fidelity;
using InferBench.Models;
using InferBench.Results;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Runner;

/// <summary>
/// After the speed sweep, measures each measured variant against its model's reference variant (fp32, else fp16)
/// and attaches the figures to that variant's rows. A variant whose fidelity cannot be measured keeps its rows, with
/// the reason added to them.
/// </summary>
public static class FidelitySweep
{
    public static IReadOnlyList<ScenarioResult> Attach(
        IReadOnlyList<ScenarioResult> rows, IReadOnlyList<BenchmarkTarget> targets, RunPlanRecord plan,
        Action<string> log, CancellationToken cancellation)
    {
        var measured = targets.Where(t => rows.Any(r => Same(r, t) && r.Status == ResultStatus.Ok)).ToArray();
        foreach (var model in measured.GroupBy(t => t.Model))
        {
            var reference = model.FirstOrDefault(t => t.Precision == JsonEnumName.Of(Precision.Fp32)) ?? model.FirstOrDefault(t => t.Precision == JsonEnumName.Of(Precision.Fp16));
            if (reference is null)
                continue;
            foreach (var variant in model.Where(t => t != reference))
            {
                if (cancellation.IsCancellationRequested)
                    return rows;
                log($"fidelity: {variant.Model}/{variant.Variant} against {reference.Variant}");
                // Both models run on the provider the variant was measured on (--ep auto resolves per variant).
                var ranOn = rows.First(r => Same(r, variant) && r.Status == ResultStatus.Ok).ExecutionProvider;
                var executionProvider = JsonEnumName.Find<ExecutionProvider>(ranOn)
                    ?? throw new InvalidOperationException($"a measured row of {variant.Model}/{variant.Variant} ran on {ranOn}, which InferBench does not run");
                var options = new FidelityOptions(ExecutionProvider: executionProvider, IntraOpThreads: plan.IntraOpThreads);
                try
                {
                    var result = FidelityMeter.Measure(reference.FolderPath, variant.FolderPath, options, cancellation);
                    var fidelity = new ScenarioFidelity(reference.Variant, result.MeanKlDivergenceNats, result.P99KlDivergenceNats,
                        result.Top1Agreement, result.MeanGreedyLogProbDeltaNats, result.Positions);
                    rows = Update(rows, variant, row => row with { Fidelity = fidelity });
                }
                catch (Exception e) when (e is FidelityException or ModelFolderException or OnnxRuntimeGenAIException)
                {
                    var note = $"fidelity not measured: {e.Message.Split('\n')[0].Trim()}";
                    rows = Update(rows, variant, row => row with { Reason = row.Reason is null ? note : $"{row.Reason}; {note}" });
                }
            }
        }
        return rows;
    }

    private static IReadOnlyList<ScenarioResult> Update(
        IReadOnlyList<ScenarioResult> rows, BenchmarkTarget variant, Func<ScenarioResult, ScenarioResult> change) =>
        rows.Select(row => Same(row, variant) && row.Status == ResultStatus.Ok ? change(row) : row).ToArray();

    private static bool Same(ScenarioResult row, BenchmarkTarget target) => row.Model == target.Model && row.Variant == target.Variant;
}
