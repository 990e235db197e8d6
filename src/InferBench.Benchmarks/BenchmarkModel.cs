using InferBench.Synthetic;

namespace InferBench.Benchmarks;

/// <summary>
/// The model folder the benchmarks run on: INFERBENCH_BENCH_MODEL; else the shared tiny GPT-2 test model found beside
/// the checkout (../shared/fixtures/models/tiny-random-gpt2-fp32); else, as in a fresh clone, InferBench's own tiny
/// synthetic model, built on first use into the checkout's .cache/benchmark-models/tiny and reused after that.
/// </summary>
public static class BenchmarkModel
{
    public const string EnvironmentVariable = "INFERBENCH_BENCH_MODEL";
    public const string SyntheticCacheFolder = ".cache/benchmark-models/tiny";
    public const string SmallSyntheticCacheFolder = ".cache/benchmark-models/small";
    private const string SharedModel = "shared/fixtures/models/tiny-random-gpt2-fp32";
    private const string CheckoutMarker = "InferBench.sln";

    public static string FolderPath() =>
        FolderPath(Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);

    /// <param name="configured">The environment variable's value, if any.</param>
    /// <param name="searchFrom">A folder inside the checkout (the benchmark's own binaries are).</param>
    public static string FolderPath(string? configured, string searchFrom)
    {
        if (configured is { Length: > 0 })
            return configured;
        for (var dir = new DirectoryInfo(searchFrom); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, SharedModel);
            if (Directory.Exists(shared))
                return shared;
        }
        var checkout = Checkout(searchFrom) ??
            throw new DirectoryNotFoundException(
                $"no benchmark model: {searchFrom} is not inside an InferBench checkout; set {EnvironmentVariable} to an ONNX Runtime GenAI model folder");

        return Synthetic(checkout, SyntheticCacheFolder, SyntheticModelPresets.Tiny);
    }

    /// <summary>
    /// A Llama-architecture model for benchmarks of GenAI's Engine, which refuses GPT-2: INFERBENCH_BENCH_MODEL, else
    /// InferBench's <c>small</c> synthetic model (synthetic-llama-small's fp32 graph), built on first use into the
    /// checkout's .cache/benchmark-models/small.
    /// </summary>
    public static string LlamaFolderPath()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return configured;
        var checkout = Checkout(AppContext.BaseDirectory) ??
            throw new DirectoryNotFoundException(
                $"no benchmark model: {AppContext.BaseDirectory} is not inside an InferBench checkout; set {EnvironmentVariable} to an ONNX Runtime GenAI Llama model folder");
        return Synthetic(checkout, SmallSyntheticCacheFolder, SyntheticModelPresets.Small);
    }

    private static string Synthetic(string checkout, string cacheFolder, SyntheticModelConfig preset)
    {
        var synthetic = Path.Combine(checkout, cacheFolder);
        if (!SyntheticModelStamp.IsCompleteFor(synthetic, preset))
            SyntheticModelWriter.Write(preset, synthetic);
        return synthetic;
    }

    /// <summary>The InferBench checkout <paramref name="searchFrom"/> is inside, or null.</summary>
    public static string? Checkout(string searchFrom)
    {
        for (var dir = new DirectoryInfo(searchFrom); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, CheckoutMarker)))
                return dir.FullName;
        return null;
    }
}
