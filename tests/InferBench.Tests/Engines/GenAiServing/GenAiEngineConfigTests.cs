using System.Text.Json.Nodes;
using InferBench.Engines;
using InferBench.Engines.GenAiServing;
using InferBench.Models;
using InferBench.Tests.Support;

namespace InferBench.Tests.Engines.GenAiServing;

public sealed class GenAiEngineConfigTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_model_that_is_not_paged_gets_static_batching_and_one_sequence_per_request()
    {
        var config = For("""{"model": {"decoder": {"inputs": {"input_ids": "input_ids"}}}, "search": {"batch_size": 8, "num_beams": 4}}""");

        var json = Json(config);
        Assert.False(config.DynamicBatching);
        Assert.False(config.PrefixCaching);
        Assert.Equal("{}", json["engine"]!["static_batching"]!.ToJsonString());
        Assert.Equal((1, 1), (json["search"]!["batch_size"]!.GetValue<int>(), json["search"]!["num_beams"]!.GetValue<int>()));
        Assert.StartsWith("engine.static_batching {}, from InferBench's default, as the decoder is not paged", config.Notes[0]);
    }

    [Fact]
    public void A_paged_model_gets_continuous_batching_with_prefix_caching()
    {
        var config = For("""{"model": {"decoder": {"inputs": {"block_table": "block_table"}}}}""");

        Assert.True(config.DynamicBatching);
        Assert.True(config.PrefixCaching);
        Assert.Equal("""{"prefix_caching":true}""", Json(config)["engine"]!["dynamic_batching"]!.ToJsonString());
    }

    [Fact]
    public void The_models_own_engine_section_is_kept_and_the_settings_override_its_limits()
    {
        var config = For(
            """{"model": {"decoder": {"inputs": {"block_table": "block_table"}}}, "engine": {"static_batching": {"max_batch_size": 2}}}""",
            new ServingEngineSettings(MaxBatchSize: 3));
        var dynamic = For(
            """{"model": {}, "engine": {"dynamic_batching": {"block_size": 16, "max_batch_size": 8, "prefix_caching": false}}}""",
            new ServingEngineSettings(MaxScheduledTokens: 256));

        Assert.False(config.DynamicBatching);
        Assert.Equal("""{"max_batch_size":3}""", Json(config)["engine"]!["static_batching"]!.ToJsonString());
        Assert.Contains("from the model's own engine section with the run's limits", config.Notes[0]);
        Assert.True(dynamic.DynamicBatching);
        Assert.False(dynamic.PrefixCaching);
        Assert.Equal("""{"block_size":16,"max_batch_size":8,"prefix_caching":false,"max_scheduled_tokens":256}""",
            Json(dynamic)["engine"]!["dynamic_batching"]!.ToJsonString());
    }

    /// <summary>A folder's config may hold arrays or values where GenAI's builder writes objects: not paged, never an exception.</summary>
    [Theory]
    [InlineData("""{"model": [1]}""")]
    [InlineData("""{"model": {"decoder": "decoder.onnx"}}""")]
    [InlineData("""{"model": {"decoder": {"inputs": ["input_ids", "block_table"]}}}""")]
    [InlineData("""{"model": {"decoder": {"inputs": 5}}}""")]
    public void A_config_with_other_json_where_the_decoder_inputs_are_expected_gets_static_batching(string json) =>
        Assert.False(For(json).DynamicBatching);

    [Fact]
    public void A_config_with_a_byte_order_mark_is_read_and_written_without_it()
    {
        var folder = Folder("""{"model": {}}""", byteOrderMark: true);

        var config = GenAiEngineConfig.For(folder, ServingEngineSettings.Default);

        Assert.Equal((byte)'{', config.Json[0]);
    }

    [Fact]
    public void A_config_that_is_not_a_json_object_is_an_engine_failure_naming_the_file()
    {
        var folder = Folder("[1, 2]");

        var refused = Assert.Throws<EngineException>(() => GenAiEngineConfig.For(folder, ServingEngineSettings.Default));

        Assert.Contains(GenAiModelFolder.ConfigFileName, refused.Message);
    }

    [Fact]
    public void The_stand_in_links_the_folders_files_and_holds_the_written_config()
    {
        var folder = Folder("""{"model": {}}""");
        File.WriteAllText(Path.Combine(folder, "decoder.onnx"), "weights");
        var config = GenAiEngineConfig.For(folder, ServingEngineSettings.Default);

        var standIn = ConfigStandInFolder.For(folder, config.Json);

        Assert.NotEqual(folder, standIn);
        Assert.Equal("weights", File.ReadAllText(Path.Combine(standIn, "decoder.onnx")));
        Assert.Equal(config.Json, File.ReadAllBytes(Path.Combine(standIn, GenAiModelFolder.ConfigFileName)));
        Assert.Equal("""{"model": {}}""", File.ReadAllText(Path.Combine(folder, GenAiModelFolder.ConfigFileName)));
        Assert.Equal(standIn, ConfigStandInFolder.For(folder, config.Json));
    }

    private GenAiEngineConfig For(string json, ServingEngineSettings? settings = null) =>
        GenAiEngineConfig.For(Folder(json), settings ?? ServingEngineSettings.Default);

    private string Folder(string json, bool byteOrderMark = false)
    {
        var folder = Directory.CreateDirectory(_temp.Combine(Guid.NewGuid().ToString("N"))).FullName;
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        File.WriteAllBytes(Path.Combine(folder, GenAiModelFolder.ConfigFileName), byteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        return folder;
    }

    private static JsonNode Json(GenAiEngineConfig config) => JsonNode.Parse(config.Json)!;
}
