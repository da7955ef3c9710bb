using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.FunctionApp.Functions;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.IntegrationTests;

/// <summary>The RSS feed through the real host over Azurite: three articles ingested, read back as RSS.</summary>
public sealed class FeedTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        var ingestion = _host.Service<IDocumentIngestion>();
        (string Title, DateOnly Published, string Category, string Source)[] documents =
        [
            ("开发区召开经济运行分析会", new DateOnly(2020, 9, 21), "开发区新闻", "常熟市人民政府"),
            ("周勤第调研人大工作", new DateOnly(2020, 9, 23), "开发区新闻", "常熟市人民政府"),
            ("统计局发布九月数据", new DateOnly(2020, 9, 22), "统计", "统计局"),
        ];
        foreach (var (title, published, category, source) in documents)
        {
            using var stream = new MemoryStream(Documents.Article(title, published, category, source));
            var result = await ingestion.IngestAsync(new(_host.Documents.Name, $"{published:yyyyMMdd}.txt"), stream, CancellationToken.None);
            Assert.Equal(IngestionStatus.Stored, result.Status);
        }
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<(int Status, string? ContentType, string Body)> FeedAsync(string query)
    {
        var request = ContentTestHost.Get("/api/feed", query);
        return await _host.ExecuteRawAsync(await _host.Function<GetFeed>().Run(request, CancellationToken.None), request);
    }

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public async Task The_feed_lists_the_stored_articles_newest_first()
    {
        var (status, contentType, body) = await FeedAsync("");

        Assert.Equal(200, status);
        Assert.Equal("application/rss+xml; charset=utf-8", contentType);
        var items = Parse(body).Items.ToArray();
        Assert.Equal(["周勤第调研人大工作", "统计局发布九月数据", "开发区召开经济运行分析会"], items.Select(i => i.Title.Text));
        Assert.All(items, i => Assert.Matches("^[a-z2-7]{13}$", i.Id));
        Assert.All(items, i => Assert.Equal(new Uri($"http://localhost:7071/api/articles/{i.Id}"), Assert.Single(i.Links).Uri));
        Assert.Equal(new DateTimeOffset(2020, 9, 23, 0, 0, 0, TimeSpan.FromHours(8)), items[0].PublishDate);
        Assert.Equal(["首页", "开发区新闻", "文字新闻"], items[0].Categories.Select(c => c.Name));
        Assert.Equal(["常熟市人民政府"], items[0].ElementExtensions.ReadElementExtensions<string>("creator", ArticleFeed.DublinCore));
        Assert.StartsWith("周勤第调研人大工作。", items[0].Summary.Text, StringComparison.Ordinal);

        // The item links to the detail the API really serves.
        var getRequest = ContentTestHost.Get($"/api/articles/{items[0].Id}");
        var (detailStatus, _, article) = await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(getRequest, items[0].Id, CancellationToken.None), getRequest);
        Assert.Equal(200, detailStatus);
        Assert.Equal("周勤第调研人大工作", article.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_feed_filters_by_category_and_source_and_honours_the_limit()
    {
        var byCategory = Parse((await FeedAsync("?category=%E5%BC%80%E5%8F%91%E5%8C%BA%E6%96%B0%E9%97%BB")).Body).Items;
        Assert.Equal(["周勤第调研人大工作", "开发区召开经济运行分析会"], byCategory.Select(i => i.Title.Text));

        var bySource = Parse((await FeedAsync("?source=%E7%BB%9F%E8%AE%A1%E5%B1%80")).Body).Items;
        Assert.Equal(["统计局发布九月数据"], bySource.Select(i => i.Title.Text));

        var limited = Parse((await FeedAsync("?limit=1")).Body).Items;
        Assert.Equal(["周勤第调研人大工作"], limited.Select(i => i.Title.Text));
    }

    [Fact]
    public async Task A_bad_feed_parameter_is_a_400_problem_json()
    {
        var (status, contentType, body) = await FeedAsync("?limit=1000");
        Assert.Equal(400, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("limit", out _));
    }
}
