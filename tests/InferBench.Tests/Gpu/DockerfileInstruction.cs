namespace InferBench.Tests.Gpu;

/// <summary>One Dockerfile instruction, its continuation lines joined, with the build stage it belongs to (0 = first FROM).</summary>
internal sealed record DockerfileInstruction(int Stage, string Keyword, string Arguments)
{
    /// <summary>The instructions of a Dockerfile; comments and blank lines dropped, backslash continuations joined.</summary>
    public static IReadOnlyList<DockerfileInstruction> Parse(string text)
    {
        var instructions = new List<DockerfileInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r').Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var whole = pending + line;
            pending = "";
            var space = whole.IndexOf(' ');
            var keyword = (space < 0 ? whole : whole[..space]).ToUpperInvariant();
            if (keyword == "FROM")
                stage++;
            instructions.Add(new DockerfileInstruction(stage, keyword, space < 0 ? "" : whole[(space + 1)..].Trim()));
        }
        return instructions;
    }
}
