using System.Globalization;
using System.Text.Json.Nodes;

namespace InferBench.Campaign;

/// <summary>
/// The Kubernetes objects that run a campaign (<c>inferbench campaign k8s</c>): a ConfigMap with the campaign and its
/// manifest, one Indexed Job per machine class (a completion per shard, the shard index from
/// <c>JOB_COMPLETION_INDEX</c>, each failed shard retried alone), and a merge Job that waits for them and merges.
/// </summary>
public static class KubernetesManifests
{
    public const string DefaultInferbench = "dotnet /app/bin/InferBench.Cli.dll";
    public const string DefaultKubectlImage = "bitnami/kubectl:latest";
    public const int DefaultBackoffLimitPerIndex = 1;
    /// <summary>How long the merge Job waits for the shard Jobs to end before it gives up (two days).</summary>
    public const int DefaultMergeWaitSeconds = 172_800;
    private const string RoleLabel = "inferbench/role";
    private const string CampaignLabel = "inferbench/campaign";
    /// <summary>The repository's Dockerfile runs as this user; the results volume is made writable for its group.</summary>
    public const int ImageUserId = 10001;
    public const string ResultsMount = "/results";
    private const string ConfigMount = "/campaign";
    private const string WorkFolder = "/tmp/campaign";
    private const string CampaignFileName = "campaign.json";
    private const string ManifestFileName = "models.manifest.json";

    /// <exception cref="InputException">The campaign has no "kubernetes" section.</exception>
    public static string Yaml(LoadedCampaign campaign) => YamlText.Documents(Objects(campaign));

    /// <exception cref="InputException">The campaign has no "kubernetes" section.</exception>
    public static IReadOnlyList<JsonObject> Objects(LoadedCampaign campaign)
    {
        var settings = campaign.File.Kubernetes
            ?? throw new InputException($"{Path.GetFileName(campaign.FullPath)}: $: missing field \"kubernetes\" (image and resultsClaim), which campaign k8s needs");
        var name = campaign.Name;
        var classes = CampaignShards.ByClass(campaign.Shards).ToArray();
        var objects = new List<JsonObject> { ConfigMap(campaign, settings) };
        objects.AddRange(classes.Select(c => ShardJob(campaign, settings, c.Class, c.First, c.Count)));
        objects.AddRange(MergeAccess(campaign, settings, classes.Select(c => JobName(name, c.Class.Id))));
        objects.Add(MergeJob(campaign, settings, classes.Select(c => JobName(name, c.Class.Id)).ToArray()));
        return objects;
    }

    public static string JobName(string campaign, string machineClass) => $"{campaign}-{machineClass}";

    public static string MergeJobName(string campaign) => $"{campaign}-merge";

    private static JsonObject ConfigMap(LoadedCampaign campaign, KubernetesSettings settings)
    {
        // The pods read the manifest beside the campaign, whatever path the file gives it here.
        var file = JsonNode.Parse(File.ReadAllText(campaign.FullPath))!.AsObject();
        file["manifest"] = ManifestFileName;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = Metadata(campaign.Name + "-campaign", campaign.Name, settings),
            ["data"] = new JsonObject
            {
                [CampaignFileName] = file.ToJsonString(new() { WriteIndented = true }),
                [ManifestFileName] = File.ReadAllText(campaign.ManifestFullPath),
            },
        };
    }

    private static JsonObject ShardJob(LoadedCampaign campaign, KubernetesSettings settings, MachineClass machineClass, int first, int count)
    {
        var inferbench = settings.Inferbench ?? DefaultInferbench;
        var total = campaign.Shards.Count;
        // ConfigMap volumes are read-only, and a synthetic model is built beside its manifest: copy both to a writable folder.
        var script = string.Join('\n',
            "set -eu",
            $"mkdir -p {WorkFolder} && cp {ConfigMount}/{CampaignFileName} {ConfigMount}/{ManifestFileName} {WorkFolder}/",
            $"exec {inferbench} campaign run {WorkFolder}/{CampaignFileName} {CommandOptions.ShardIndex} \"$(( {first} + JOB_COMPLETION_INDEX ))\" {CommandOptions.ShardCount} {total} {CommandOptions.ShardResults} {ResultsMount}");
        var container = new JsonObject
        {
            ["name"] = "shard",
            ["image"] = settings.Image,
            ["command"] = new JsonArray("sh", "-c", script),
            ["volumeMounts"] = VolumeMounts(),
        };
        if (machineClass.GpuCount > 0)
        {
            // Extended resources are whole devices: the request must equal the limit, so only the limit is given.
            container["resources"] = new JsonObject
            {
                ["limits"] = new JsonObject { ["nvidia.com/gpu"] = machineClass.GpuCount.ToString(CultureInfo.InvariantCulture) },
            };
        }
        var podSpec = new JsonObject
        {
            // backoffLimitPerIndex needs pods that are never restarted in place: a retry is a new pod for the same index.
            ["restartPolicy"] = "Never",
            ["securityContext"] = new JsonObject { ["fsGroup"] = ImageUserId },
            ["containers"] = new JsonArray(container),
            ["volumes"] = Volumes(campaign, settings),
            ["affinity"] = OneShardPerNode(campaign.Name),
        };
        if (machineClass.Kubernetes?.NodeSelector is { Count: > 0 } selector)
            podSpec["nodeSelector"] = new JsonObject(selector.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        var labels = Labels(campaign.Name);
        labels[RoleLabel] = "shard";
        labels["inferbench/machine-class"] = machineClass.Id;
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = Metadata(JobName(campaign.Name, machineClass.Id), campaign.Name, settings, labels),
            ["spec"] = new JsonObject
            {
                ["completionMode"] = "Indexed",
                ["completions"] = count,
                ["parallelism"] = count,
                ["backoffLimitPerIndex"] = settings.BackoffLimitPerIndex ?? DefaultBackoffLimitPerIndex,
                // One shard's failure must not stop the others: the merge reports it.
                ["maxFailedIndexes"] = count,
                // A retry starts only once the failed pod is gone, so two pods never run one shard at once.
                ["podReplacementPolicy"] = "Failed",
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = podSpec,
                },
            },
        };
    }

    /// <summary>
    /// Shards on one node would measure each other (Slurm's campaigns use --exclusive): a shard pod is never scheduled on
    /// a node that runs another shard of the campaign, of any machine class. The merge pod is not a shard, so it does not count.
    /// </summary>
    private static JsonObject OneShardPerNode(string campaign) => new()
    {
        ["podAntiAffinity"] = new JsonObject
        {
            ["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonArray(new JsonObject
            {
                ["topologyKey"] = "kubernetes.io/hostname",
                ["labelSelector"] = new JsonObject
                {
                    ["matchLabels"] = new JsonObject { [CampaignLabel] = campaign, [RoleLabel] = "shard" },
                },
            }),
        },
    };

    /// <summary>The merge Job reads the shard Jobs' status: a service account allowed to get Jobs, and nothing else.</summary>
    private static IEnumerable<JsonObject> MergeAccess(LoadedCampaign campaign, KubernetesSettings settings, IEnumerable<string> jobs)
    {
        var name = MergeJobName(campaign.Name);
        yield return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = Metadata(name, campaign.Name, settings) };
        yield return new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "Role",
            ["metadata"] = Metadata(name, campaign.Name, settings),
            ["rules"] = new JsonArray(new JsonObject
            {
                ["apiGroups"] = new JsonArray("batch"),
                ["resources"] = new JsonArray("jobs"),
                ["resourceNames"] = new JsonArray([.. jobs.Select(job => (JsonNode?)job)]),
                ["verbs"] = new JsonArray("get"),
            }),
        };
        var subject = new JsonObject { ["kind"] = "ServiceAccount", ["name"] = name };
        if (settings.Namespace is { } ns)
            subject["namespace"] = ns;
        yield return new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "RoleBinding",
            ["metadata"] = Metadata(name, campaign.Name, settings),
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = name },
            ["subjects"] = new JsonArray(subject),
        };
    }

    private static JsonObject MergeJob(LoadedCampaign campaign, KubernetesSettings settings, IReadOnlyList<string> jobs)
    {
        var inferbench = settings.Inferbench ?? DefaultInferbench;
        var name = campaign.Name;
        // Slurm's --dependency=afterany: wait until every shard Job has ended, succeeded or failed.
        // The wait has a deadline: a shard Job stuck Pending (no node fits it) must not keep the merge pod waiting forever.
        var waitSeconds = settings.MergeWaitSeconds ?? DefaultMergeWaitSeconds;
        var wait = string.Join('\n',
            "set -eu",
            $"deadline=$(( $(date +%s) + {waitSeconds.ToString(CultureInfo.InvariantCulture)} ))",
            $"for job in {string.Join(' ', jobs)}; do",
            "  until kubectl get job \"$job\" -o jsonpath='{.status.conditions[?(@.status==\"True\")].type}' | grep -Eq 'Complete|Failed'; do",
            "    if [ \"$(date +%s)\" -ge \"$deadline\" ]; then",
            $"      echo \"job $job has not ended after {waitSeconds.ToString(CultureInfo.InvariantCulture)} s (mergeWaitSeconds): not merging; run 'inferbench campaign merge' once the shards end\" >&2",
            "      exit 1",
            "    fi",
            "    sleep 30",
            "  done",
            "done");
        var merge = string.Join('\n',
            "set -eu",
            $"mkdir -p {WorkFolder} && cp {ConfigMount}/{CampaignFileName} {ConfigMount}/{ManifestFileName} {WorkFolder}/",
            $"exec {inferbench} campaign merge {WorkFolder}/{CampaignFileName} {CommandOptions.MergeResults} {ResultsMount}");
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = Metadata(MergeJobName(name), name, settings),
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = 0,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = Labels(name) },
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["serviceAccountName"] = MergeJobName(name),
                        ["securityContext"] = new JsonObject { ["fsGroup"] = ImageUserId },
                        ["initContainers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "wait-for-shards",
                            ["image"] = settings.KubectlImage ?? DefaultKubectlImage,
                            ["command"] = new JsonArray("sh", "-c", wait),
                        }),
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "merge",
                            ["image"] = settings.Image,
                            ["command"] = new JsonArray("sh", "-c", merge),
                            ["volumeMounts"] = VolumeMounts(),
                        }),
                        ["volumes"] = Volumes(campaign, settings),
                    },
                },
            },
        };
    }

    private static JsonArray VolumeMounts() => new(
        new JsonObject { ["name"] = "results", ["mountPath"] = ResultsMount },
        new JsonObject { ["name"] = "campaign", ["mountPath"] = ConfigMount, ["readOnly"] = true });

    private static JsonArray Volumes(LoadedCampaign campaign, KubernetesSettings settings) => new(
        new JsonObject { ["name"] = "results", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = settings.ResultsClaim } },
        new JsonObject { ["name"] = "campaign", ["configMap"] = new JsonObject { ["name"] = campaign.Name + "-campaign" } });

    private static JsonObject Labels(string campaign) => new()
    {
        ["app.kubernetes.io/name"] = "inferbench",
        [CampaignLabel] = campaign,
    };

    private static JsonObject Metadata(string name, string campaign, KubernetesSettings settings, JsonObject? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (settings.Namespace is { } ns)
            metadata["namespace"] = ns;
        metadata["labels"] = labels ?? Labels(campaign);
        return metadata;
    }
}
