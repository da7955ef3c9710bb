using System.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>The same page in the charsets Chinese sites use, declared, undeclared, conflicting and wrong.</summary>
public sealed class CharsetTests
{
    private const string Headline = "陶喆故乡举办民俗文化节";

    private static void AssertCharsetPage(ParsedArticle article)
    {
        // 喆 and 镕 are GBK characters outside GB2312: they survive only if GB2312 is decoded as GB18030.
        Assert.Equal(Headline, article.Title);
        Assert.Equal(new DateTimeOffset(2019, 6, 15, 8, 18, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal("文化旅游局", article.Source);
        Assert.Equal(3, article.Paragraphs.Count);
        Assert.Contains("镕铸地方文化品牌", article.Body);
        Assert.DoesNotContain("打印本页", article.Body);
    }

    [Fact]
    public void Gbk_bytes_declared_as_gb2312()
    {
        AssertCharsetPage(Fixtures.Parse(Fixtures.Bytes("charset-article.html", "gb18030")));
    }

    [Fact]
    public void Gbk_bytes_without_any_declaration_are_detected()
    {
        var html = Fixtures.Text("charset-article.html").Replace("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", string.Empty, StringComparison.Ordinal);
        AssertCharsetPage(Fixtures.Parse(Encoding.GetEncoding("gb18030").GetBytes(html)));
    }

    [Fact]
    public void Utf8_with_bom_and_a_wrong_gb2312_declaration()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Fixtures.Bytes("charset-article.html", "utf-8")).ToArray();
        AssertCharsetPage(Fixtures.Parse(bytes));
    }

    [Fact]
    public void Utf8_without_bom_declared_as_gb2312()
    {
        AssertCharsetPage(Fixtures.Parse(Fixtures.Bytes("charset-article.html", "utf-8")));
    }

    [Fact]
    public void Conflicting_declarations_the_one_that_fits_the_bytes_wins()
    {
        var html = Fixtures.Text("charset-article.html").Replace("<head>", "<head><meta charset=\"utf-8\">", StringComparison.Ordinal);
        AssertCharsetPage(Fixtures.Parse(Encoding.GetEncoding("gb18030").GetBytes(html)));
    }

    [Fact]
    public void Big5_declared()
    {
        var article = Fixtures.Parse(Fixtures.Bytes("big5-article.html", "big5"));
        Assert.Equal("港口貨運量創新高", article.Title);
        Assert.Equal(new DateTimeOffset(2020, 8, 3, 0, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal(3, article.Paragraphs.Count);
        Assert.Contains("深水泊位", article.Body);
    }

    [Fact]
    public void Big5_undeclared_is_detected()
    {
        var html = Fixtures.Text("big5-article.html").Replace("<meta charset=\"big5\">", string.Empty, StringComparison.Ordinal);
        var article = Fixtures.Parse(Encoding.GetEncoding("big5").GetBytes(html));
        Assert.Equal("港口貨運量創新高", article.Title);
        Assert.Contains("深水泊位", article.Body);
    }

    [Fact]
    public void Bytes_invalid_in_the_declared_charset_still_parse()
    {
        var bytes = Fixtures.Bytes("charset-article.html", "gb18030");
        // Damage a few bytes in the middle of the body: lone lead bytes that GB18030 cannot complete.
        var at = bytes.Length / 2;
        bytes[at] = 0x81;
        bytes[at + 1] = 0x20;
        bytes[at + 7] = 0xFF;
        var article = Fixtures.Parse(bytes);
        Assert.Equal(Headline, article.Title);
        Assert.Equal(3, article.Paragraphs.Count);
    }

    [Fact]
    public void Utf16_with_bom()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Fixtures.Text("article-jsonld.html"))).ToArray();
        Assert.Equal("山区学校用上远程课堂", Fixtures.Parse(bytes).Title);
    }
}
