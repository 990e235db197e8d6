namespace InferBench.Benchmarks;

/// <summary>
/// The model folder the benchmarks run on: INFERBENCH_BENCH_MODEL, else the shared tiny GPT-2 test model
/// found beside the checkout (../shared/fixtures/models/tiny-random-gpt2-fp32).
/// </summary>
public static class BenchmarkModel
{
    public const string EnvironmentVariable = "INFERBENCH_BENCH_MODEL";

    public static string FolderPath()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "models", "tiny-random-gpt2-fp32");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException(
            $"no benchmark model: set {EnvironmentVariable} to an ONNX Runtime GenAI model folder");
    }
}
