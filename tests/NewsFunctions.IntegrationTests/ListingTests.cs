using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.IntegrationTests;

/// <summary>23 articles, ingested once for the class: these tests only read.</summary>
public sealed class ListingFixture : IAsyncLifetime
{
    public const int Count = 23;

    public ContentTestHost Host { get; } = new();

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        var ingestion = Host.Service<NewsFunctions.Content.Ingestion.IDocumentIngestion>();
        for (var i = 0; i < Count; i++)
        {
            var document = Documents.Article($"第{i}号新闻", new DateOnly(2020, 1, 1).AddDays(i * 3),
                category: i % 2 == 0 ? "经济" : "民生", source: i % 3 == 0 ? "发改委" : "统计局");
            using var stream = new MemoryStream(document);
            await ingestion.IngestAsync(new(Host.Documents.Name, $"doc{i}.txt"), stream, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class ListingTests(ListingFixture fixture) : IClassFixture<ListingFixture>
{
    private const int Count = ListingFixture.Count;
    private readonly ContentTestHost _host = fixture.Host;

    [Fact]
    public async Task Paging_through_the_http_api_returns_every_article_once_newest_first()
    {
        var seen = new List<(string Id, DateTimeOffset Published)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var request = ContentTestHost.Get("/api/articles", "?limit=5" + (cursor is null ? "" : "&cursor=" + cursor));
            var (status, _, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
            Assert.Equal(200, status);
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("publishedAt").GetDateTimeOffset())));
            cursor = body.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null);

        Assert.Equal(5, pages);
        Assert.Equal(Count, seen.Count);
        Assert.Equal(Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.Published).Select(s => s.Id), seen.Select(s => s.Id));
    }

    [Fact]
    public async Task Filters_by_category_source_and_dates()
    {
        var store = _host.Service<IArticleStore>();
        var economy = await store.ListAsync(new ArticleQuery { Category = "经济", Limit = 100 }, CancellationToken.None);
        Assert.Equal(12, economy.Items.Count);
        Assert.All(economy.Items, i => Assert.Contains("经济", i.Categories));

        var both = await store.ListAsync(new ArticleQuery { Category = "经济", Source = "发改委", Limit = 100 }, CancellationToken.None);
        Assert.Equal(4, both.Items.Count); // i = 0, 6, 12, 18

        var china = TimeSpan.FromHours(8);
        var window = await store.ListAsync(new ArticleQuery
        {
            From = new DateTimeOffset(2020, 1, 4, 0, 0, 0, china),   // i = 1
            Before = new DateTimeOffset(2020, 1, 11, 0, 0, 0, china), // i = 3 is 2020-01-10
            Limit = 100,
        }, CancellationToken.None);
        Assert.Equal(["第3号新闻", "第2号新闻", "第1号新闻"], window.Items.Select(i => i.Title));
    }

    public static TheoryData<string, string> Injections()
    {
        var data = new TheoryData<string, string>();
        foreach (var parameter in new[] { "category", "source", "q", "cursor", "from", "to", "limit", "fields" })
            foreach (var fragment in new[] { "' or PartitionKey ne '", ")", "%27", "') or (RowKey gt '", "all' or PartitionKey eq 'all", "\u0027 or true" })
                data.Add(parameter, fragment);
        return data;
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task OData_fragments_in_any_parameter_are_a_400_or_match_nothing(string parameter, string fragment)
    {
        var request = ContentTestHost.Get("/api/articles", $"?{parameter}={Uri.EscapeDataString(fragment)}");
        var (status, contentType, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
        if (status == 400)
        {
            Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(200, status);
        Assert.Empty(body.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("category", "' or PartitionKey ne '")]
    [InlineData("category", "经济') or (PartitionKey ne '")]
    [InlineData("source", "%27 or 1 eq 1")]
    [InlineData("category", "a/b\\c#d?e")]
    public async Task Filter_values_never_widen_the_query(string parameter, string value)
    {
        var request = ContentTestHost.Get("/api/articles", $"?{parameter}={Uri.EscapeDataString(value)}");
        var (status, _, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
        Assert.Equal(200, status);
        Assert.Empty(body.GetProperty("items").EnumerateArray());
    }
}
