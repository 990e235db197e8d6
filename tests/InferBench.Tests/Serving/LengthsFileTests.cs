using InferBench.Results;
using InferBench.Serving;
using InferBench.Tests.Support;

namespace InferBench.Tests.Serving;

/// <summary>The lengths file: what it accepts, and garbage refused with the file, line, field and what was expected.</summary>
public sealed class LengthsFileTests
{
    [Fact]
    public void Lines_give_prompt_and_output_lengths_and_optionally_a_shared_prefix()
    {
        Assert.Equal([new RequestLength(128, 64), new RequestLength(7, 1)], LengthsFile.Parse("prompt_tokens,output_tokens\n128,64\n7,1\n", "lengths.csv"));
        Assert.Equal([new RequestLength(128, 64, 32), new RequestLength(8, 2, 0)],
            LengthsFile.Parse("prompt_tokens,output_tokens,shared_prefix_tokens\r\n128,64,32\r\n8,2,0", "lengths.csv"));
    }

    [Theory]
    [InlineData("prompt,output\n1,2\n", "lengths.csv line 1: expected the header 'prompt_tokens,output_tokens' or 'prompt_tokens,output_tokens,shared_prefix_tokens', got 'prompt,output'")]
    [InlineData("prompt_tokens,output_tokens\n", "lengths.csv: no lines after the header; expected one line per request (prompt_tokens,output_tokens)")]
    [InlineData("prompt_tokens,output_tokens\n12,8\nabc,8\n", "lengths.csv line 3, field prompt_tokens: expected a whole number from 1 to 1048576, got 'abc'")]
    [InlineData("prompt_tokens,output_tokens\n12,0\n", "lengths.csv line 2, field output_tokens: expected a whole number from 1 to 1048576, got '0'")]
    [InlineData("prompt_tokens,output_tokens\n-4,8\n", "lengths.csv line 2, field prompt_tokens: expected a whole number from 1 to 1048576, got '-4'")]
    [InlineData("prompt_tokens,output_tokens\nNaN,8\n", "lengths.csv line 2, field prompt_tokens: expected a whole number from 1 to 1048576, got 'NaN'")]
    [InlineData("prompt_tokens,output_tokens\n12,99999999999\n", "lengths.csv line 2, field output_tokens: expected a whole number from 1 to 1048576, got '99999999999'")]
    [InlineData("prompt_tokens,output_tokens\n12.5,8\n", "lengths.csv line 2, field prompt_tokens: expected a whole number from 1 to 1048576, got '12.5'")]
    [InlineData("prompt_tokens,output_tokens\n12,8,4\n", "lengths.csv line 2: expected 2 fields, got 3")]
    [InlineData("prompt_tokens,output_tokens,shared_prefix_tokens\n12,8,13\n", "lengths.csv line 2, field shared_prefix_tokens: expected at most the line's prompt_tokens (12), got 13")]
    public void Garbage_is_refused_naming_the_file_line_and_field(string text, string message)
    {
        var e = Assert.Throws<InputException>(() => LengthsFile.Parse(text, "lengths.csv"));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_file_is_read_with_its_hash_and_ranges_and_a_missing_one_is_an_input_error()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "lengths.csv");
        File.WriteAllText(path, "prompt_tokens,output_tokens\n16,4\n64,32\n");

        var file = LengthsFile.Read(path);

        Assert.Equal(new ServingLengths("file", 16, 64, 4, 32, path, file.Sha256), file.Record);
        Assert.Matches("^[0-9a-f]{64}$", file.Sha256);
        Assert.Contains("file not found", Assert.Throws<InputException>(() => LengthsFile.Read(Path.Combine(folder.Path, "none.csv"))).Message,
            StringComparison.Ordinal);
    }
}
