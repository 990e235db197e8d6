using InferBench.Results;

namespace InferBench.Runner;

/// <summary>Where a run is saved and what run.json records about how it was asked for: a part of <see cref="RunConfiguration"/>.</summary>
/// <param name="ResultsFolder">The folder that receives the run folder.</param>
/// <param name="StartedUtc">When the run started, in run.json and the run folder's name.</param>
/// <param name="CommandLine">How the run was asked for, recorded in run.json.</param>
/// <param name="Shard">The campaign shard the run is, recorded in run.json; null for a plain run.</param>
public sealed record RunOutputSettings(string ResultsFolder, DateTimeOffset StartedUtc, string CommandLine, CampaignShard? Shard);
