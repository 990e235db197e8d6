using System.Text.Json;
using static InferBench.Manifest.ManifestJson;

namespace InferBench.Manifest;

/// <summary>
/// What JSON Schema cannot say about <c>{"derived": {...}}</c> sources: <c>from</c> names another variant of the same model,
/// one with files of its own (not derived itself, so there are no chains or cycles) in fp32 or fp16; the variant is int8,
/// int4 or fp16 (not the precision it comes from); the int4/int8 settings are not given to an fp16 variant.
/// </summary>
internal static class DerivedSourceCheck
{
    private static readonly string[] IntegerOnlySettings = ["blockSize", "symmetric", "accuracyLevel", "quantizeLmHead"];

    public static IEnumerable<JsonProblem> Find(JsonElement manifest)
    {
        foreach (var (m, variants, variantList) in ManifestJson.VariantLists(manifest))
        {
            var modelId = StringAt(JsonLocation.Root(manifest).Child("models").Child(m).Child("id")) ?? $"models[{m}]";
            var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var variant in variantList.EnumerateArray())
                if (variant.ValueKind == JsonValueKind.Object && StringAt(variant, "id") is { } id)
                    byId.TryAdd(id, variant);
            for (var v = 0; v < variantList.GetArrayLength(); v++)
                foreach (var problem in InVariant(variants.Child(v), modelId, byId))
                    yield return problem;
        }
    }

    private static IEnumerable<JsonProblem> InVariant(JsonLocation variant, string modelId, IReadOnlyDictionary<string, JsonElement> variantsById)
    {
        var derived = variant.Child("source").Child("derived");
        if (!derived.TryGetValue(out var settings) || settings.ValueKind != JsonValueKind.Object)
            yield break;
        var precision = StringAt(variant.Child("precision"));
        if (precision is "fp32")
            yield return new(variant.Child("precision"), "expected int8, int4 or fp16 for a derived variant, got \"fp32\" (InferBench's quantizer makes no fp32 model)");
        if (precision is "fp16")
        {
            foreach (var setting in IntegerOnlySettings.Where(name => settings.TryGetProperty(name, out _)))
                yield return new(derived.Child(setting), $"applies to int4 and int8 variants only; this variant is fp16");
        }

        var from = derived.Child("from");
        if (StringAt(from) is not { } fromId)
            yield break;
        var ownId = StringAt(variant.Child("id"));
        if (fromId == ownId)
        {
            yield return new(from, $"a variant cannot be derived from itself (\"{fromId}\"); expected the id of another variant of {modelId}");
            yield break;
        }
        if (!variantsById.TryGetValue(fromId, out var source))
        {
            var known = variantsById.Keys.Where(id => id != ownId).Select(id => $"\"{id}\"");
            yield return new(from, $"expected the id of another variant of {modelId} ({string.Join(", ", known)}), got \"{fromId}\"");
            yield break;
        }
        if (source.TryGetProperty("source", out var sourceOfSource) && sourceOfSource.ValueKind == JsonValueKind.Object
            && sourceOfSource.TryGetProperty("derived", out var grandparent))
        {
            var origin = grandparent.ValueKind == JsonValueKind.Object && StringAt(grandparent, "from") is { } name ? $" (from \"{name}\")" : "";
            yield return new(from, $"\"{fromId}\" is itself derived{origin}: derive from a variant with files of its own (path, huggingface, checkpoint or synthetic); chains and cycles are not allowed");
            yield break;
        }
        var sourcePrecision = StringAt(source, "precision");
        if (sourcePrecision is not (null or "fp32" or "fp16"))
            yield return new(from, $"expected an fp32 or fp16 variant to derive from, got \"{fromId}\", which is {sourcePrecision} (quantized weights cannot be made finer)");
        else if (sourcePrecision == precision)
            yield return new(from, $"\"{fromId}\" is {sourcePrecision} already; expected a variant of a higher precision to derive {precision} from");
    }
}
