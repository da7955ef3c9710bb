using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Moq;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Functions;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Tests;

public sealed class GetFeedTests
{
    private readonly Mock<IArticleReads> _store = new(MockBehavior.Strict);

    private static HttpRequest Request(string queryString)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("news.example");
        context.Request.Path = "/api/feed";
        context.Request.QueryString = new QueryString(queryString);
        return context.Request;
    }

    private static readonly ArticleSummary[] Articles =
    [
        new("bbbbbbbbbbbbb", "周勤第调研人大工作", new DateTimeOffset(2020, 9, 23, 10, 30, 0, TimeSpan.FromHours(8)), "常熟市人民政府",
            ["首页", "开发区新闻", "文字新闻"], "投促中国", "9月22日,市委书记周勤第调研人大工作。"),
        new("aaaaaaaaaaaaa", "无来源 & <特殊> 字符", null, null, [], null, ""),
    ];

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public async Task The_feed_is_rss_whose_items_are_the_newest_articles()
    {
        ArticleQuery? seen = null;
        _store.Setup(s => s.ListAsync(It.IsAny<ArticleQuery>(), It.IsAny<CancellationToken>()))
            .Callback<ArticleQuery, CancellationToken>((q, _) => seen = q)
            .ReturnsAsync(new ArticlePage(Articles, null));

        var result = await new GetFeed(_store.Object, Microsoft.Extensions.Options.Options.Create(new ApiOptions())).Run(Request(""), CancellationToken.None);

        var content = Assert.IsType<ContentResult>(result);
        Assert.Equal(200, content.StatusCode);
        Assert.Equal("application/rss+xml; charset=utf-8", content.ContentType);
        Assert.Equal(new ArticleQuery(), seen); // twenty newest, no filters
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", content.Content, StringComparison.Ordinal);
        Assert.Contains("<rss version=\"2.0\"", content.Content, StringComparison.Ordinal);

        var feed = Parse(content.Content!);
        Assert.False(string.IsNullOrWhiteSpace(feed.Title.Text));
        Assert.False(string.IsNullOrWhiteSpace(feed.Description.Text));
        Assert.Equal(new Uri("https://news.example/api/articles"), Assert.Single(feed.Links).Uri);
        var items = feed.Items.ToArray();
        Assert.Equal(2, items.Length);

        var first = items[0];
        Assert.Equal("周勤第调研人大工作", first.Title.Text);
        Assert.Equal("bbbbbbbbbbbbb", first.Id);
        Assert.Equal(new Uri("https://news.example/api/articles/bbbbbbbbbbbbb"), Assert.Single(first.Links).Uri);
        Assert.Equal(Articles[0].PublishedAt, first.PublishDate);
        Assert.Equal("9月22日,市委书记周勤第调研人大工作。", first.Summary.Text);
        Assert.Equal(["首页", "开发区新闻", "文字新闻"], first.Categories.Select(c => c.Name));
        Assert.Equal(["常熟市人民政府"], first.ElementExtensions.ReadElementExtensions<string>("creator", ArticleFeed.DublinCore));
        Assert.Equal(Articles[0].PublishedAt, feed.LastUpdatedTime);

        var second = items[1];
        Assert.Equal("无来源 & <特殊> 字符", second.Title.Text);
        Assert.Equal(DateTimeOffset.MinValue, second.PublishDate); // no pubDate when the article has none
        Assert.Empty(second.ElementExtensions.ReadElementExtensions<string>("creator", ArticleFeed.DublinCore));
        Assert.Empty(second.Categories);
    }

    [Fact]
    public async Task The_guid_is_the_id_and_not_a_permalink()
    {
        _store.Setup(s => s.ListAsync(It.IsAny<ArticleQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(new ArticlePage(Articles, null));

        var content = Assert.IsType<ContentResult>(await new GetFeed(_store.Object, Microsoft.Extensions.Options.Options.Create(new ApiOptions())).Run(Request(""), CancellationToken.None));

        var document = new XmlDocument();
        document.LoadXml(content.Content!);
        var guid = Assert.IsAssignableFrom<XmlElement>(document.SelectSingleNode("/rss/channel/item/guid"));
        Assert.Equal("bbbbbbbbbbbbb", guid.InnerText);
        Assert.Equal("false", guid.GetAttribute("isPermaLink"));
    }

    [Fact]
    public async Task Limit_category_and_source_become_the_query_and_nothing_else()
    {
        ArticleQuery? seen = null;
        _store.Setup(s => s.ListAsync(It.IsAny<ArticleQuery>(), It.IsAny<CancellationToken>()))
            .Callback<ArticleQuery, CancellationToken>((q, _) => seen = q)
            .ReturnsAsync(new ArticlePage([], null));

        var result = await new GetFeed(_store.Object, Microsoft.Extensions.Options.Options.Create(new ApiOptions())).Run(Request("?limit=5&category=%E6%96%B0%E9%97%BB&source=x&from=2020-09-01"), CancellationToken.None);

        var feed = Parse(Assert.IsType<ContentResult>(result).Content!);
        Assert.Empty(feed.Items);
        Assert.Equal(new ArticleQuery { Limit = 5, Category = "新闻", Source = "x" }, seen);
        Assert.Contains("新闻", feed.Title.Text, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://news.example/api/articles?category=%E6%96%B0%E9%97%BB&source=x"), Assert.Single(feed.Links).Uri);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?category=%00", "category")]
    [InlineData("?source=a&source=b", "source")]
    public async Task Bad_parameters_are_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var result = await new GetFeed(_store.Object, Microsoft.Extensions.Options.Options.Create(new ApiOptions())).Run(Request(query), CancellationToken.None);

        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Contains(Problems.ContentType, problem.ContentTypes);
        var details = Assert.IsType<ProblemDetails>(problem.Value);
        Assert.Contains(parameter, Assert.IsAssignableFrom<IDictionary<string, string[]>>(details.Extensions["errors"]).Keys);
        _store.VerifyNoOtherCalls();
    }
}
