using System.Text.Json;
using System.Text.RegularExpressions;
using InferBench.Tests.Support;

namespace InferBench.Tests.Gpu;

/// <summary>What a linter would insist on for the CUDA image, checked by parsing the Dockerfile (no Docker daemon here).</summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<DockerfileInstruction> Instructions = DockerfileInstruction.Parse(File.ReadAllText(RepoRoot.Combine("Dockerfile")));

    private static IEnumerable<(string Image, string? Alias)> Stages() => Instructions
        .Where(instruction => instruction.Keyword == "FROM")
        .Select(instruction => FromPattern().Match(instruction.Arguments))
        .Select(match => (match.Groups["image"].Value, match.Groups["alias"].Success ? match.Groups["alias"].Value : null));

    private static int FinalStage => Instructions.Max(instruction => instruction.Stage);

    [Fact]
    public void It_builds_in_the_dotnet_sdk_image_and_runs_on_an_nvidia_cuda_cudnn_runtime_image()
    {
        var stages = Stages().ToArray();

        Assert.True(stages.Length >= 2, "a multi-stage build: the SDK stays out of the image that runs");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", stages[0].Image);
        Assert.Matches("^nvidia/cuda:12\\.[0-9.]+-cudnn-runtime-ubuntu[0-9.]+$", stages[^1].Image);
        Assert.Contains(Instructions, instruction => instruction.Stage == 0 && instruction.Keyword == "RUN"
            && instruction.Arguments.Contains("dotnet publish", StringComparison.Ordinal)
            && instruction.Arguments.Contains("-p:ExecutionProvider=cuda", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_base_image_is_pinned_to_a_version_never_latest()
    {
        var aliases = Stages().Select(stage => stage.Alias).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(Stages().Where(stage => !aliases.Contains(stage.Image)), stage =>
        {
            var pinned = stage.Image.Contains('@') || (stage.Image.LastIndexOf(':') > stage.Image.LastIndexOf('/'));
            Assert.True(pinned, $"{stage.Image}: give a tag or a digest");
            Assert.DoesNotMatch(":latest(@|$)", stage.Image);
        });
    }

    [Fact]
    public void The_final_image_runs_as_a_user_that_is_not_root()
    {
        var user = Instructions.LastOrDefault(instruction => instruction.Stage == FinalStage && instruction.Keyword == "USER");

        Assert.NotNull(user);
        Assert.DoesNotMatch("^(root|0)(:|$)", user.Arguments);
    }

    [Fact]
    public void The_entrypoint_runs_the_bench_instance_script_on_the_prebuilt_cuda_build_in_exec_form_under_an_init()
    {
        var entrypoint = Instructions.Single(instruction => instruction.Keyword == "ENTRYPOINT");

        var arguments = JsonSerializer.Deserialize<string[]>(entrypoint.Arguments)!;
        // PID 1 gets no signal it has no handler for: tini, installed in the final stage, hands docker stop's SIGTERM on.
        Assert.Equal(["/usr/bin/tini", "--"], arguments[..2]);
        Assert.Contains(Instructions, instruction => instruction.Stage == FinalStage && instruction.Keyword == "RUN"
            && Regex.IsMatch(instruction.Arguments, @"apt-get install [^&]*\btini\b"));
        Assert.Equal("/app/scripts/bench-instance.sh", arguments[2]);
        Assert.Equal("--inferbench", arguments[3]);
        Assert.Equal("dotnet /app/bin/InferBench.Cli.dll", arguments[4]);
    }

    [Fact]
    public void Every_file_copied_from_the_build_context_exists_and_is_not_docker_ignored()
    {
        var ignored = File.ReadAllLines(RepoRoot.Combine(".dockerignore")).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        var sources = Instructions
            .Where(instruction => instruction.Keyword == "COPY" && !instruction.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(instruction => instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .Where(source => source != ".")
            .ToArray();

        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            Assert.True(File.Exists(RepoRoot.Combine(source)), $"COPY {source}: not in the repository");
            Assert.DoesNotContain(source.Split('/')[0], ignored);
        });
    }

    [GeneratedRegex(@"^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<alias>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();
}
