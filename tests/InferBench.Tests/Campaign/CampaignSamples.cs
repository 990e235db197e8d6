using System.Text.Json;
using System.Text.Json.Nodes;
using InferBench.Tests.Support;

namespace InferBench.Tests.Campaign;

/// <summary>Campaign files for the tests: a manifest of the tiny synthetic model (fp32, int8) beside a campaign that runs it.</summary>
internal static class CampaignSamples
{
    public const string ManifestFile = "models.manifest.json";
    public const string CampaignFile = "campaign.json";

    /// <summary>The tiny synthetic model's fp32 and int8 variants on the CPU; "broken" is a folder that is no model (its rows fail).</summary>
    public static JsonObject Manifest() => Json("""
        {
          "schemaVersion": 1,
          "models": [
            { "id": "tiny", "description": "the tiny synthetic preset", "variants": [
              { "id": "fp32", "precision": "fp32", "executionProviders": ["cpu"], "source": { "synthetic": { "preset": "tiny" } } },
              { "id": "int8", "precision": "int8", "executionProviders": ["cpu"], "source": { "synthetic": { "preset": "tiny" } } }
            ] },
            { "id": "broken", "description": "a folder that is no model", "variants": [
              { "id": "cpu", "precision": "fp32", "executionProviders": ["cpu"], "source": { "path": "broken" } }
            ] }
          ]
        }
        """);

    /// <summary>Two shards on one CPU class, the smallest plan that measures: what the Slurm test runs.</summary>
    public static JsonObject TwoCpuShards() => Json("""
        {
          "schemaVersion": 1,
          "name": "tiny-cpu",
          "manifest": "models.manifest.json",
          "models": [ { "model": "tiny", "variants": ["fp32", "int8"] } ],
          "plan": { "promptTokens": [16], "genTokens": [4], "batchSizes": [1], "warmup": 0, "reps": 1, "idleSeconds": 0, "fidelity": false },
          "machineClasses": [ { "id": "cpu", "gpuCount": 0 } ],
          "kubernetes": { "image": "registry.example/inferbench:cuda", "resultsClaim": "inferbench-results" }
        }
        """);

    /// <summary>README's worked example: three machine classes x two variants.</summary>
    public static JsonObject ThreeClassesTwoVariants() => Json("""
        {
          "schemaVersion": 1,
          "name": "gpu-compare",
          "manifest": "models.manifest.json",
          "models": [ { "model": "tiny", "variants": ["fp32", "int8"] } ],
          "plan": { "promptTokens": [128, 512], "genTokens": [64], "batchSizes": [1, 8] },
          "machineClasses": [
            { "id": "h100", "gpuCount": 1, "instance": "gcp-a3-highgpu-1g", "slurm": { "partition": "h100" },
              "kubernetes": { "nodeSelector": { "cloud.google.com/gke-accelerator": "nvidia-h100-80gb" } } },
            { "id": "a100", "gpuCount": 8, "instance": "aws-p4d.24xlarge", "shards": 1, "slurm": { "partition": "a100" },
              "kubernetes": { "nodeSelector": { "node.kubernetes.io/instance-type": "p4d.24xlarge" } } },
            { "id": "epyc", "gpuCount": 0 }
          ],
          "kubernetes": { "image": "registry.example/inferbench:cuda", "resultsClaim": "inferbench-results", "namespace": "bench" }
        }
        """);

    /// <summary>Writes the manifest, a "broken" model folder and <paramref name="campaign"/> into <paramref name="folder"/>; returns the campaign's path.</summary>
    public static string Write(TempFolder folder, JsonObject campaign)
    {
        File.WriteAllText(folder.Combine(ManifestFile), Manifest().ToJsonString());
        Directory.CreateDirectory(folder.Combine("broken"));
        File.WriteAllText(folder.Combine("broken", "genai_config.json"), "{}");
        File.WriteAllText(folder.Combine(CampaignFile), campaign.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return folder.Combine(CampaignFile);
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
