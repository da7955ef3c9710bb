using System.Text;
using NewsFunctions.Parsing;

namespace NewsFunctions.Parsing.Tests;

public sealed class BadInputTests
{
    private readonly DocumentParser _parser = new(new DocumentParserOptions { MaxDocumentBytes = 1024 });

    [Theory]
    [InlineData("", ParseFailureReason.Empty)]
    [InlineData("   \n\t  \r\n", ParseFailureReason.Empty)]
    [InlineData("just some words with no labels at all", ParseFailureReason.NoBody)]
    [InlineData("标题\n发布时间:2020-01-01\n上一条:x", ParseFailureReason.NoBody)]
    public void Text_that_is_not_an_article_fails_with_a_reason(string text, ParseFailureReason reason)
    {
        var result = _parser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.Failure.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Detail));
    }

    [Fact]
    public void Binary_data_is_refused()
    {
        var bytes = new byte[512];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        Assert.Equal(ParseFailureReason.Binary, _parser.Parse(bytes).Failure?.Reason);
    }

    [Fact]
    public async Task A_document_over_the_limit_is_refused_without_reading_it_all()
    {
        using var stream = new MemoryStream(new byte[4096]);
        var result = await _parser.ParseAsync(stream);
        Assert.Equal(ParseFailureReason.TooLarge, result.Failure?.Reason);
    }
}
