namespace InferBench;

/// <summary>
/// The options the library's own wording quotes (report text, row reasons, generated scripts): the one place the library
/// spells an option, each checked against the command that declares it (tests: CommandOptionsTests).
/// </summary>
public static class CommandOptions
{
    public static CommandOption Reps { get; } = new("run", "reps");
    public static CommandOption Rounds { get; } = new("run", "rounds");
    public static CommandOption Batch { get; } = new("run", "batch");
    public static CommandOption Slo { get; } = new("run", "slo");
    public static CommandOption Power { get; } = new("run", "power");
    public static CommandOption SteadyMaxSeconds { get; } = new("run", "steady-max-seconds");
    public static CommandOption PricePerHour { get; } = new("run", "price-per-hour");
    public static CommandOption Instance { get; } = new("run", "instance");
    public static CommandOption QualityText { get; } = new("run", "quality-text");
    public static CommandOption JoulesPerToken { get; } = new("cost", "joules-per-token");
    public static CommandOption InputOutputRatio { get; } = new("cost", "input-output-ratio");
    public static CommandOption ServeDuration { get; } = new("serve", "duration");
    public static CommandOption MachinePrice { get; } = new("merge", "price");
    public static CommandOption MergeSlo { get; } = new("merge", "slo");
    public static CommandOption FetchVariant { get; } = new("fetch", "variant");
    public static CommandOption QuantizeTarget { get; } = new("models quantize", "target");
    public static CommandOption ShardIndex { get; } = new("campaign run", "shard-index");
    public static CommandOption ShardCount { get; } = new("campaign run", "shard-count");
    public static CommandOption ShardResults { get; } = new("campaign run", "out");
    public static CommandOption MergeResults { get; } = new("campaign merge", "results");
}
