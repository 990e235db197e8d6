using InferBench.Fetch;
using InferBench.Manifest;

namespace InferBench.Tests.Fetch;

public sealed class HubUrlsTests
{
    private static readonly Uri Mirror = new("https://hf-mirror.example/");

    [Fact]
    public void A_revision_with_slashes_is_escaped_whole_and_path_segments_one_by_one()
    {
        var source = new HuggingFaceModelSource("acme/model", "refs/pr/1", "cuda/fp16 build");

        var url = HubUrls.Resolve(Mirror, source, "sub dir/model.onnx");

        Assert.Equal("https://hf-mirror.example/acme/model/resolve/refs%2Fpr%2F1/cuda/fp16%20build/sub%20dir/model.onnx", url.AbsoluteUri);
    }

    [Fact]
    public void A_variant_at_the_repository_root_has_no_folder_segment()
    {
        var url = HubUrls.Resolve(Mirror, new HuggingFaceModelSource("acme/model", "main", null), "genai_config.json");

        Assert.Equal("https://hf-mirror.example/acme/model/resolve/main/genai_config.json", url.AbsoluteUri);
    }

    [Fact]
    public void The_model_page_is_where_a_gated_licence_is_accepted()
    {
        Assert.Equal("https://hf-mirror.example/acme/model", HubUrls.ModelPage(Mirror, "acme/model").AbsoluteUri);
    }
}
