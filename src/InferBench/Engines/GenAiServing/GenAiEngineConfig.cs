using System.Text.Json;
using System.Text.Json.Nodes;
using InferBench.Models;

namespace InferBench.Engines.GenAiServing;

/// <summary>
/// The genai_config.json a folder is served with: the folder's own, with the engine section GenAI's Engine reads and one
/// sequence per request (search.batch_size 1, num_beams 1, as the Engine requires). The engine section defaults to what
/// the model supports: continuous batching (engine.dynamic_batching, with prefix caching) where the decoder is paged (it
/// takes a block_table), else static batching; a section the folder already has is kept, and the settings override its
/// batch size and token budget. Written to a <see cref="ConfigStandInFolder"/>, never to the folder itself.
/// </summary>
/// <param name="Json">The whole genai_config.json, UTF-8.</param>
/// <param name="DynamicBatching">engine.dynamic_batching (continuous batching over a paged KV cache); else engine.static_batching.</param>
/// <param name="PrefixCaching">engine.dynamic_batching.prefix_caching is on: requests may reuse cached prompt blocks.</param>
/// <param name="Notes">What was written and why, for the capabilities' notes.</param>
public sealed record GenAiEngineConfig(byte[] Json, bool DynamicBatching, bool PrefixCaching, IReadOnlyList<string> Notes)
{
    /// <summary>GenAI's decoder input of a paged model (the builder's use_paged_attention=true).</summary>
    public const string PagedDecoderInput = "block_table";

    /// <exception cref="EngineException">The folder's genai_config.json cannot be read or is not a JSON object.</exception>
    public static GenAiEngineConfig For(string folderPath, ServingEngineSettings settings)
    {
        var root = ReadConfig(Path.Combine(folderPath, GenAiModelFolder.ConfigFileName));
        // Through objects only: a string indexer on a JSON array or value throws, and a folder's config may hold anything there.
        var paged = (root["model"] as JsonObject)?["decoder"] is JsonObject decoder && decoder["inputs"] is JsonObject inputs && inputs[PagedDecoderInput] is not null;
        var engine = Object(root, "engine");
        var (dynamic, origin) = engine["dynamic_batching"] is JsonObject ? (true, "the model's own engine section")
            : engine["static_batching"] is JsonObject ? (false, "the model's own engine section")
            : paged ? (true, $"InferBench's default, as the decoder is paged (it takes {PagedDecoderInput})")
            : (false, $"InferBench's default, as the decoder is not paged (it takes no {PagedDecoderInput})");
        var mode = dynamic ? "dynamic_batching" : "static_batching";
        var section = Object(engine, mode);
        var notes = new List<string>();

        if (settings.MaxBatchSize is { } batch)
            section["max_batch_size"] = batch;
        if (settings.MaxScheduledTokens is { } tokens)
        {
            if (dynamic)
                section["max_scheduled_tokens"] = tokens;
            else
                notes.Add($"max scheduled tokens {tokens} not applied: static batching has no token budget");
        }
        if (dynamic && section["prefix_caching"] is null)
            section["prefix_caching"] = true;
        var prefixCaching = dynamic && section["prefix_caching"] is JsonValue value && value.TryGetValue<bool>(out var on) && on;

        var search = Object(root, "search");
        search["batch_size"] = 1;
        search["num_beams"] = 1;

        notes.Insert(0, $"engine.{mode} {section.ToJsonString()}, from {origin}"
            + (settings.MaxBatchSize is not null || settings.MaxScheduledTokens is not null ? " with the run's limits" : "")
            + "; search.batch_size 1 and num_beams 1 (one sequence per Engine request); written to a stand-in of genai_config.json, the model's folder untouched");
        return new GenAiEngineConfig(JsonSerializer.SerializeToUtf8Bytes(root), dynamic, prefixCaching, notes);
    }

    private static JsonObject ReadConfig(string path)
    {
        try
        {
            return JsonNode.Parse(ByteOrderMarkFreeFolder.WithoutByteOrderMark(File.ReadAllBytes(path))) as JsonObject
                ?? throw new EngineException(EngineFailure.Failed, $"{path}: expected a JSON object");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new EngineException(EngineFailure.Failed, $"{path}: {e.Message}", e);
        }
    }

    private static JsonObject Object(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }
}
