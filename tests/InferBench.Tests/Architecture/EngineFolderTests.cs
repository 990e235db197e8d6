using System.Text.RegularExpressions;
using InferBench.Tests.Support;

namespace InferBench.Tests.Architecture;

/// <summary>
/// Only an engine's own folder (src/InferBench/Engines/&lt;engine&gt;/) uses ONNX Runtime GenAI; everything else goes through
/// the engine seam. The benchmarks of GenAI's own decode step, against InferBench's, are the one other place.
/// </summary>
public sealed partial class EngineFolderTests
{
    private static readonly string SourceFolder = RepoRoot.Combine("src");
    private static readonly string EnginesFolder = Path.Combine("InferBench", "Engines");
    private static readonly string BenchmarksFolder = "InferBench.Benchmarks";

    [Fact]
    public void Only_engine_folders_use_onnx_runtime_genai()
    {
        var users = Directory.EnumerateFiles(SourceFolder, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(SourceFolder, path))
            .Where(relative => !relative.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .Where(relative => !InEngineFolder(relative) && !relative.StartsWith(BenchmarksFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(relative => UsesGenAi(CSharpCode.Of(File.ReadAllText(Path.Combine(SourceFolder, relative)))))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(users.Length == 0,
            "these files use Microsoft.ML.OnnxRuntimeGenAI outside an engine's folder (src/InferBench/Engines/<engine>/); use the seam in Engines/:\n"
            + string.Join("\n", users));
    }

    [Fact]
    public void A_using_or_a_qualified_name_is_a_use_but_a_comment_a_string_or_a_property_of_that_name_is_not()
    {
        Assert.True(UsesGenAi(CSharpCode.Of("using Microsoft.ML.OnnxRuntimeGenAI;")));
        Assert.True(UsesGenAi(CSharpCode.Of("using GenAi = Microsoft.ML.OnnxRuntimeGenAI;")));
        Assert.True(UsesGenAi(CSharpCode.Of("var m = new global::Microsoft.ML.OnnxRuntimeGenAI.Model(path);")));
        Assert.True(UsesGenAi(CSharpCode.Of("using Microsoft.ML;\nvar m = new OnnxRuntimeGenAI.Model(path);")));
        Assert.False(UsesGenAi(CSharpCode.Of("// Microsoft.ML.OnnxRuntimeGenAI\nvar s = \"Microsoft.ML.OnnxRuntimeGenAI\";")));
        Assert.False(UsesGenAi(CSharpCode.Of("var version = run.Software.OnnxRuntimeGenAI;\npublic sealed record SoftwareVersions(string OnnxRuntimeGenAI);")));
    }

    [Fact]
    public void Engine_folders_lie_under_src_InferBench_Engines()
    {
        Assert.True(InEngineFolder(Path.Combine("InferBench", "Engines", "GenAi", "GenAiGeneratorEngine.cs")));
        Assert.False(InEngineFolder(Path.Combine("InferBench", "Engines", "FailureReasons.cs")));
        Assert.False(InEngineFolder(Path.Combine("InferBench", "Runner", "SweepRunner.cs")));
    }

    /// <summary>A file in a folder of its own under Engines/, not in Engines/ itself (the engine-agnostic seam).</summary>
    private static bool InEngineFolder(string relativePath) =>
        relativePath.StartsWith(EnginesFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        && Path.GetRelativePath(EnginesFolder, relativePath).Contains(Path.DirectorySeparatorChar);

    private static bool UsesGenAi(string code) => QualifiedGenAi().IsMatch(code) || PartlyQualifiedGenAi().IsMatch(code);

    [GeneratedRegex(@"\bMicrosoft\s*\.\s*ML\s*\.\s*OnnxRuntimeGenAI\b")]
    private static partial Regex QualifiedGenAi();

    /// <summary>OnnxRuntimeGenAI.Model after <c>using Microsoft.ML;</c>; a member named OnnxRuntimeGenAI (after a dot, or not followed by one) is not GenAI.</summary>
    [GeneratedRegex(@"(?<![.\w])OnnxRuntimeGenAI\s*\.")]
    private static partial Regex PartlyQualifiedGenAi();
}
