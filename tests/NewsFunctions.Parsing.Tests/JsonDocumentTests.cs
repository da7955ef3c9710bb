using System.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>JSON exports that already carry the fields are read as they are.</summary>
public sealed class JsonDocumentTests
{
    [Fact]
    public void Fields_are_read_from_a_json_article()
    {
        const string json = """
            {"title": "新能源公交车全面上线", "publishedAt": "2023-06-01T09:30:00+08:00", "author": "刘洋",
             "source": "交通日报", "categories": ["首页", "交通"], "url": "https://example.cn/a/1",
             "body": ["全市新能源公交车已达两千辆。", "明年将完成全部替换。"]}
            """;
        var result = new DocumentParser().Parse(Encoding.UTF8.GetBytes(json), "export.dat");
        Assert.Equal(DocumentFormat.Json, result.Format);
        Assert.True(result.Succeeded, result.Failure?.ToString());
        var article = result.Article;
        Assert.Equal("新能源公交车全面上线", article.Title);
        Assert.Equal(new DateTimeOffset(2023, 6, 1, 9, 30, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal("刘洋", article.Author);
        Assert.Equal(["首页", "交通"], article.Categories);
        Assert.Equal(2, article.Paragraphs.Count);
        Assert.Equal("https://example.cn/a/1", article.CanonicalUrl);
    }

    [Fact]
    public void A_json_object_without_a_body_fails_with_a_reason()
    {
        var result = new DocumentParser().Parse(Encoding.UTF8.GetBytes("""{"title": "只有标题"}"""));
        Assert.Equal(ParseFailureReason.NoBody, result.Failure?.Reason);
    }

    [Fact]
    public void A_dump_that_only_starts_with_a_brace_stays_text()
    {
        var text = "{专题}\n城市书房新开十家\n2022-03-01\n\n本月起，全市又有十家城市书房对外开放，市民可以免费借阅图书。\n";
        var result = new DocumentParser().Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal(DocumentFormat.Text, result.Format);
        Assert.True(result.Succeeded, result.Failure?.ToString());
    }
}
