using System.Text.Json;
using InferBench.Manifest;

namespace InferBench.Tests.Manifest;

/// <summary>A model source serializes in the manifest's own shape, so it reads back the same.</summary>
public sealed class ModelSourceJsonTests
{
    [Theory]
    [InlineData("{\"path\":\"/models/tiny\"}")]
    [InlineData("{\"huggingface\":{\"repo\":\"owner/name\",\"revision\":\"v1\",\"folder\":\"cpu/int4\"}}")]
    [InlineData("{\"huggingface\":{\"repo\":\"owner/name\",\"revision\":\"v1\"}}")]
    [InlineData("{\"checkpoint\":{\"repo\":\"owner/name\",\"revision\":\"v1\"}}")]
    public void RoundTripsTheManifestShape(string json)
    {
        var source = JsonSerializer.Deserialize<ModelSource>(json);

        Assert.Equal(json, JsonSerializer.Serialize(source));
    }

    [Fact]
    public void ReadsEachShapeAsItsOwnType()
    {
        Assert.Equal(new LocalModelSource("m"), JsonSerializer.Deserialize<ModelSource>("{\"path\":\"m\"}"));
        Assert.Equal(
            new HuggingFaceModelSource("o/n", "v1", null),
            JsonSerializer.Deserialize<ModelSource>("{\"huggingface\":{\"repo\":\"o/n\",\"revision\":\"v1\"}}"));
    }

    [Fact]
    public void RejectsAnObjectWithNeitherShape()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ModelSource>("{\"url\":\"x\"}"));
    }
}
