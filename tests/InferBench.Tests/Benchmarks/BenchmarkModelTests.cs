using InferBench.Benchmarks;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Benchmarks;

/// <summary>Which model the BenchmarkDotNet commands of src/InferBench.Benchmarks/README.md run on, without running BenchmarkDotNet.</summary>
public sealed class BenchmarkModelTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A checkout with the benchmark's binaries deep inside it, as BenchmarkDotNet's generated projects are.</summary>
    private (string Checkout, string Binaries) FreshClone()
    {
        var checkout = _temp.Combine("clone");
        var binaries = Path.Combine(checkout, "src", "InferBench.Benchmarks", "bin", "Release", "net10.0", "generated");
        Directory.CreateDirectory(binaries);
        File.WriteAllText(Path.Combine(checkout, "InferBench.sln"), "");
        return (checkout, binaries);
    }

    [Fact]
    public void A_fresh_clone_without_shared_benchmarks_the_tiny_synthetic_model_built_once_into_its_cache()
    {
        var (checkout, binaries) = FreshClone();

        var folder = BenchmarkModel.FolderPath(configured: null, binaries);

        Assert.Equal(Path.Combine(checkout, ".cache", "benchmark-models", "tiny"), folder);
        Assert.True(SyntheticModelStamp.IsCompleteFor(folder, SyntheticModelPresets.Tiny));
        var built = File.GetLastWriteTimeUtc(Path.Combine(folder, SyntheticModelWriter.ModelFileName));
        Assert.Equal(folder, BenchmarkModel.FolderPath(configured: null, binaries));
        Assert.Equal(built, File.GetLastWriteTimeUtc(Path.Combine(folder, SyntheticModelWriter.ModelFileName)));
    }

    [Fact]
    public void The_shared_gpt2_model_beside_the_checkout_is_used_when_present()
    {
        var (_, binaries) = FreshClone();
        var shared = Directory.CreateDirectory(_temp.Combine("shared", "fixtures", "models", "tiny-random-gpt2-fp32")).FullName;

        Assert.Equal(shared, BenchmarkModel.FolderPath(configured: null, binaries));
    }

    [Fact]
    public void The_environment_variable_wins_and_outside_a_checkout_it_is_asked_for()
    {
        var (_, binaries) = FreshClone();
        Assert.Equal("/models/mine", BenchmarkModel.FolderPath(configured: "/models/mine", binaries));

        var outside = Directory.CreateDirectory(_temp.Combine("elsewhere")).FullName;
        var error = Assert.Throws<DirectoryNotFoundException>(() => BenchmarkModel.FolderPath(configured: null, outside));
        Assert.Contains($"set {BenchmarkModel.EnvironmentVariable}", error.Message);
    }

    [Fact]
    public void Readme_says_which_model_the_benchmark_commands_run_on()
    {
        var readme = File.ReadAllText(RepoRoot.Combine("src", "InferBench.Benchmarks", "README.md"));

        Assert.Contains("in a fresh clone without ../shared, InferBench's own tiny synthetic model", readme);
        Assert.Contains(BenchmarkModel.SyntheticCacheFolder, readme);
    }
}
