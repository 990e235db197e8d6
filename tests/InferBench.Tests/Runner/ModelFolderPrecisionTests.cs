using InferBench.Forecast;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Tests.Support;

namespace InferBench.Tests.Runner;

/// <summary>
/// A run of a bare model folder (--model-path) records the precision its decoder stores, read as a forecast of the
/// same folder reads it, so a profile of that run no longer says "unknown".
/// </summary>
public sealed class ModelFolderPrecisionTests(TinySyntheticModel tiny) : IClassFixture<TinySyntheticModel>
{
    [Theory]
    [InlineData(Precision.Fp32, "fp32")]
    [InlineData(Precision.Int4, "int4")]
    [InlineData(Precision.Int8, "int8")]
    [InlineData(Precision.Fp16, "fp16")]
    public void A_model_folder_target_records_the_precision_its_decoder_stores(Precision precision, string expected)
    {
        var folder = precision == Precision.Fp32 ? tiny.Fp32 : tiny.Folder(precision);

        Assert.Equal(expected, TargetSelection.FromFolder(folder).Precision);
        Assert.Equal(expected, ModelFactsReader.Precision(folder));
    }

    [Fact]
    public void A_folder_that_is_no_model_stays_unknown_and_its_rows_say_why_later()
    {
        using var folder = new TempFolder();

        Assert.Equal("unknown", TargetSelection.FromFolder(folder.Path).Precision);
    }
}
