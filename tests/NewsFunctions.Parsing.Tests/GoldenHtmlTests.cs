namespace NewsFunctions.Parsing.Tests;

/// <summary>Every field of small hand-written pages: meta tags, JSON-LD, breadcrumb, images, previous/next.</summary>
public sealed class GoldenHtmlTests
{
    private static ParsedArticle MetaArticle() => Fixtures.Parse(Fixtures.Bytes("article-meta.html", "utf-8"), "page.bin");

    [Fact]
    public void Headline_is_the_h1_that_the_document_title_contains()
    {
        Assert.Equal("河畔新区开通首条夜间公交线路", MetaArticle().Title);
    }

    [Fact]
    public void Published_time_comes_from_article_published_time_in_china_time()
    {
        var article = MetaArticle();
        Assert.Equal(new DateTimeOffset(2023, 3, 15, 22, 30, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.True(article.HasPublishedTime);
    }

    [Fact]
    public void Byline_source_and_editor()
    {
        var article = MetaArticle();
        Assert.Equal("张小明 李华", article.Author);
        Assert.Equal("河畔日报", article.Source);
        Assert.Equal("周文", article.Editor);
    }

    [Fact]
    public void Body_is_the_four_paragraphs_without_page_furniture()
    {
        var article = MetaArticle();
        Assert.Equal(4, article.Paragraphs.Count);
        Assert.StartsWith("本报讯", article.Paragraphs[0]);
        Assert.StartsWith("新区交通部门表示", article.Paragraphs[^1]);
        foreach (var furniture in new[] { "首页", "热点新闻", "分享到", "上一篇", "版权所有", "责任编辑", "全市春季运动会" })
            Assert.DoesNotContain(furniture, article.Body);
        Assert.True(article.CharacterCount > 150);
        Assert.StartsWith("本报讯", article.Summary);
    }

    [Fact]
    public void Breadcrumb_canonical_site_and_language()
    {
        var article = MetaArticle();
        Assert.Equal(["首页", "新闻", "本地新闻"], article.Categories);
        Assert.Equal("https://news.example.cn/local/2023/0315/1001.html", article.CanonicalUrl);
        Assert.Equal("河畔日报网", article.SiteName);
        Assert.Equal("zh-CN", article.Language);
    }

    [Fact]
    public void Image_with_caption_resolved_against_the_canonical_url()
    {
        var image = Assert.Single(MetaArticle().Images);
        Assert.Equal("https://news.example.cn/images/2023/bus.jpg", image.Url);
        Assert.Equal("夜间公交首班车驶出客运站。", image.Caption);
    }

    [Fact]
    public void Previous_and_next_with_urls()
    {
        var article = MetaArticle();
        Assert.Equal(new ArticleLink("新区图书馆延长开放时间", "https://news.example.cn/local/2023/0314/0999.html"), article.Previous);
        Assert.Equal(new ArticleLink("河畔公园樱花进入盛花期", "https://news.example.cn/local/2023/0316/1002.html"), article.Next);
    }

    [Fact]
    public void Json_ld_gives_date_author_and_publisher_and_broken_json_ld_is_ignored()
    {
        var article = Fixtures.Parse(Fixtures.Bytes("article-jsonld.html", "utf-8"));
        Assert.Equal("山区学校用上远程课堂", article.Title);
        Assert.Equal(new DateTimeOffset(2022, 11, 1, 8, 30, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal("陈静", article.Author);
        Assert.Equal("教育观察网", article.SiteName);
        Assert.Equal(3, article.Paragraphs.Count);
        Assert.DoesNotContain("乡村教师培训计划启动", article.Body);
    }

    [Fact]
    public void One_parser_serves_many_threads()
    {
        var parser = new DocumentParser();
        var bytes = Fixtures.Bytes("article-meta.html", "utf-8");
        var titles = new string?[32];
        Parallel.For(0, titles.Length, i => titles[i] = parser.Parse(bytes).Article?.Title);
        Assert.All(titles, t => Assert.Equal("河畔新区开通首条夜间公交线路", t));
    }

    [Fact]
    public void Html_is_recognised_from_content_whatever_the_file_name()
    {
        var result = new DocumentParser().Parse(Fixtures.Bytes("article-jsonld.html", "utf-8"), "upload.txt");
        Assert.Equal(DocumentFormat.Html, result.Format);
    }
}
