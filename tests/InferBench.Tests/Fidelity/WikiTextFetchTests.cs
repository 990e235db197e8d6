using System.Security.Cryptography;
using System.Text;
using InferBench.Cli;
using InferBench.Fetch;
using InferBench.Fidelity;
using InferBench.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace InferBench.Tests.Fidelity;

/// <summary>
/// The evaluation text from a Hub dataset repository, served by a loopback Hub stand-in: a small parquet file built
/// here, at the dataset's resolve URL (<c>/datasets/{repo}/resolve/{revision}/{path}</c>), fetched resumably and read back.
/// </summary>
[Collection(HfEndpointCollection.Name)]
public sealed class WikiTextFetchTests : IDisposable
{
    private static readonly string[] Rows = [" = Robert Boulter = \n", "", " Robert Boulter is an English film , television and theatre actor .\n", " = = Career = = \n"];
    private static readonly HubDataset Dataset = HubDataset.WikiText2Test;
    private static readonly FetchOptions Quick = new(IdleTimeout: TimeSpan.FromSeconds(10), AttemptsPerFile: 3, RetryDelay: TimeSpan.Zero);

    private readonly TempFolder _temp = new();
    private readonly byte[] _parquet = Parquet(Rows);
    private readonly LoopbackHttpServer _hub;
    private int _requests;

    public WikiTextFetchTests() => _hub = new LoopbackHttpServer(request =>
    {
        if (request.Path != $"/datasets/{Dataset.Repo}/resolve/{Dataset.Revision}/{Dataset.PathInRepo}")
            return LoopbackResponse.Text(404, "Entry not found");
        // The first answer breaks off halfway: the fetch must resume from the bytes it has.
        return LoopbackResponse.File(request, _parquet, dropAfterBytes: Interlocked.Increment(ref _requests) == 1 ? _parquet.Length / 2 : null);
    });

    public void Dispose()
    {
        _hub.Dispose();
        _temp.Dispose();
    }

    private FetchCache Cache => new(_temp.Combine("cache"));

    [Fact]
    public async Task The_test_split_is_fetched_from_the_dataset_url_resumed_verified_and_read_back_as_the_raw_text()
    {
        using (var fetcher = new VariantFetcher(Cache, new HubSettings(_hub.BaseUri, null), Quick))
            await fetcher.FetchAsync(Dataset, new RecordingFetchProgress(), CancellationToken.None);

        var text = EvaluationTexts.FromCache(Dataset, Cache);

        Assert.Equal(string.Concat(Rows), text.Text);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_parquet)), text.Sha256);
        Assert.Equal(("Salesforce/wikitext", Dataset.Revision, "wikitext-2-raw-v1/test-00000-of-00001.parquet"), (text.Source, text.Revision, text.Path));
        Assert.Contains("CC BY-SA", text.Licence);
        Assert.Equal(2, _hub.Requests.Count);
        Assert.Equal($"bytes={_parquet.Length / 2}-", _hub.Requests[1].Header("Range"));
    }

    [Fact]
    public void The_fetch_command_takes_the_text_by_name_and_prints_its_folder()
    {
        var before = Environment.GetEnvironmentVariable("HF_ENDPOINT");
        Environment.SetEnvironmentVariable("HF_ENDPOINT", _hub.BaseUri.ToString());
        try
        {
            var run = CliRun.Invoke("fetch", "wikitext-2", "--cache", Cache.Root);

            Assert.True(run.ExitCode == ExitCodes.AllOk, run.Error);
            Assert.Equal(Path.Combine(Cache.Root, HubDataset.CacheFolder, "wikitext-2"), run.Out.Trim());
            Assert.Equal(string.Concat(Rows), EvaluationTexts.FromCache(Dataset, Cache).Text);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HF_ENDPOINT", before);
        }
    }

    [Theory]
    [InlineData("bytes that are not parquet")]
    [InlineData("parquet without a text column")]
    [InlineData("a negative footer length")]
    [InlineData("a footer length of 2^31 - 1")]
    public async Task A_file_that_is_not_the_datasets_text_is_deleted_and_never_called_verified(string served)
    {
        var body = served switch
        {
            "bytes that are not parquet" => Enumerable.Repeat((byte)'a', 4 << 20).ToArray(),
            "parquet without a text column" => Parquet(["a"], column: "sentence"),
            "a negative footer length" => DamagedFrame(-5),
            _ => DamagedFrame(int.MaxValue),
        };
        using var wrongHub = new LoopbackHttpServer(request => LoopbackResponse.File(request, body));
        var progress = new RecordingFetchProgress();

        using var fetcher = new VariantFetcher(Cache, new HubSettings(wrongHub.BaseUri, null), Quick);
        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(Dataset, progress, CancellationToken.None));

        Assert.Contains("cannot be read as a parquet file with a text column \"text\"", error.Message);
        Assert.Contains("the file was deleted: the server did not send the dataset's text", error.Message);
        Assert.Null(Dataset.InCache(Cache));
        Assert.DoesNotContain(progress.Events, e => e.StartsWith("verified", StringComparison.Ordinal));
    }

    [Fact]
    public void Not_fetched_is_quality_unavailable_saying_how_to_fetch_it()
    {
        var error = Assert.Throws<QualityUnavailableException>(() => EvaluationTexts.FromCache(Dataset, Cache));

        Assert.Contains("inferbench fetch wikitext-2", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_parquet_with_a_text_column_is_quality_unavailable_naming_it()
    {
        var notParquet = _temp.Combine("broken.parquet");
        File.WriteAllText(notParquet, "not parquet");
        var otherColumn = _temp.Combine("other.parquet");
        File.WriteAllBytes(otherColumn, Parquet(["a"], column: "sentence"));

        Assert.Contains(notParquet, Assert.Throws<QualityUnavailableException>(() => EvaluationTexts.ParquetText(notParquet)).Message);
        Assert.Contains("sentence (text)", Assert.Throws<QualityUnavailableException>(() => EvaluationTexts.ParquetText(otherColumn)).Message);
    }

    [Fact]
    public void A_quality_text_file_must_be_utf8_text()
    {
        var latin1 = _temp.Combine("latin1.txt");
        File.WriteAllBytes(latin1, Encoding.Latin1.GetBytes("caf\u00e9 au lait"));
        var blank = _temp.Combine("blank.txt");
        File.WriteAllText(blank, " \n\t");

        Assert.Contains("is not UTF-8 text: byte 3", Assert.Throws<InputFieldException>(() => EvaluationTexts.FromFile(latin1, "QualityText")).Message);
        Assert.Contains("holds no text", Assert.Throws<InputFieldException>(() => EvaluationTexts.FromFile(blank, "QualityText")).Message);
        Assert.Contains("file not found", Assert.Throws<InputFieldException>(() => EvaluationTexts.FromFile(_temp.Combine("none.txt"), "QualityText")).Message);
        Assert.Equal("caf\u00e9", EvaluationTexts.FromFile(WriteUtf8("\uFEFFcaf\u00e9"), "QualityText").Text);
    }

    private string WriteUtf8(string text)
    {
        var path = _temp.Combine("utf8.txt");
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>PAR1, zeros, then a footer length that does not fit the file, and PAR1.</summary>
    private static byte[] DamagedFrame(int footerBytes) =>
        [.. "PAR1"u8, .. new byte[16], .. BitConverter.GetBytes(footerBytes), .. "PAR1"u8];

    private static byte[] Parquet(IReadOnlyCollection<string> rows, string column = EvaluationTexts.TextColumn)
    {
        var field = new DataField<string>(column);
        using var stream = new MemoryStream();
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(field), stream).GetAwaiter().GetResult();
        using (var group = writer.CreateRowGroup())
            group.WriteAsync(field, rows, null).GetAwaiter().GetResult();
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return stream.ToArray();
    }
}
