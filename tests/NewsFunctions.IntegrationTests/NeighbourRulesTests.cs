using NewsFunctions.Content.Articles;

namespace NewsFunctions.IntegrationTests;

/// <summary>The pure rules previous/next are resolved by (no storage): which URLs give an id, which titles are the same.</summary>
public sealed class NeighbourRulesTests
{
    [Theory]
    [InlineData("https://news.example.cn/a.html", "https://news.example.cn/a.html")]
    [InlineData(" https://news.example.cn/a.html#comments", "https://news.example.cn/a.html")]
    [InlineData("http://news.example.cn/a.html?id=3", "http://news.example.cn/a.html?id=3")]
    public void An_absolute_url_gives_the_id_of_the_article_with_that_canonical_url(string link, string canonical) =>
        Assert.Equal(ArticleId.For(new NewsFunctions.Parsing.ParsedArticle { Title = "标题", Paragraphs = ["正文"], CanonicalUrl = canonical }, "seeds", "x.html"), ArticleId.ForUrl(link));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/local/2023/0316/1002.html")]
    [InlineData("javascript:void(0)")]
    [InlineData("ftp://news.example.cn/a.html")]
    public void Anything_else_gives_no_id(string? link) => Assert.Null(ArticleId.ForUrl(link));

    [Theory]
    [InlineData("关于做好2023年春季防火工作的通知", "关于做好 2023 年春季防火工作的通知")]
    [InlineData("《江苏省促进政务服务便利化条例》宣贯活动", "“江苏省促进政务服务便利化条例”宣贯活动")]
    [InlineData("ＡＢＣ新闻：发布会", "abc新闻:发布会")]
    public void Titles_that_differ_only_in_spacing_punctuation_or_width_are_the_same(string title, string link) =>
        Assert.Equal(ArticleTitleIndex.PartitionFor("河畔日报网", title), ArticleTitleIndex.PartitionFor("河畔日报网", link));

    [Fact]
    public void The_same_title_on_another_site_or_a_truncated_title_is_another_partition()
    {
        var partition = ArticleTitleIndex.PartitionFor("河畔日报网", "河畔公园樱花进入盛花期");
        Assert.StartsWith("t|", partition, StringComparison.Ordinal);
        Assert.NotEqual(partition, ArticleTitleIndex.PartitionFor("另一个网站", "河畔公园樱花进入盛花期"));
        Assert.NotEqual(partition, ArticleTitleIndex.PartitionFor("河畔日报网", "河畔公园樱花进入…"));
        Assert.Null(ArticleTitleIndex.PartitionFor("河畔日报网", "……"));
    }
}
