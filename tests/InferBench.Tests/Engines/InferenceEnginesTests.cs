using InferBench.Engines;
using InferBench.Tests.Support;

namespace InferBench.Tests.Engines;

public sealed class InferenceEnginesTests
{
    [Fact]
    public void Each_registered_engine_has_a_name_of_its_own_and_a_folder_of_its_own_under_Engines()
    {
        var engines = InferenceEngines.All;

        Assert.Same(engines[0], InferenceEngines.Default);
        Assert.Equal(engines.Count, engines.Select(engine => engine.Name).Distinct().Count());
        Assert.Equal(engines.Count, engines.Select(engine => engine.GetType().Namespace).Distinct().Count());
        Assert.Equal(InferenceEngines.Serving.Count, InferenceEngines.Serving.Select(engine => engine.Name).Distinct().Count());
        Assert.All(EngineTypes, engine =>
        {
            var folder = engine.Namespace!.Split('.') is ["InferBench", "Engines", var name] ? name : null;
            Assert.True(folder is not null, $"{engine.FullName} is not in a namespace InferBench.Engines.<engine>");
            Assert.True(Directory.Exists(RepoRoot.Combine("src", "InferBench", "Engines", folder)), $"src/InferBench/Engines/{folder}/ does not exist");
        });
    }

    [Fact]
    public void Every_engine_folder_is_registered()
    {
        var registered = EngineTypes.Select(engine => engine.Namespace!.Split('.')[^1]).ToHashSet();
        var folders = Directory.GetDirectories(RepoRoot.Combine("src", "InferBench", "Engines"))
            .Select(Path.GetFileName)
            .Where(name => name is not ("obj" or "bin"))
            .ToArray();

        Assert.All(folders, folder => Assert.Contains(folder!, registered));
    }

    /// <summary>Every registered engine's type, serving engines included.</summary>
    private static IEnumerable<Type> EngineTypes =>
        InferenceEngines.All.Select(engine => engine.GetType()).Concat(InferenceEngines.Serving.Select(engine => engine.GetType()));
}
