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

    /// <summary>
    /// The joined paths (category and source together, or q with either) build several filters, one a posting list:
    /// a fragment in any one of them, with the others set to values that match, must not widen what comes back.
    /// </summary>
    public static TheoryData<string, string, string> JoinedInjections()
    {
        string[][] joins = [["category", "source"], ["q", "category"], ["q", "source"], ["q", "category", "source"]];
        string[] fragments = ["' or PartitionKey ne '", "') or (RowKey gt '", "all' or PartitionKey eq 'all", "%27 or true", "\u0027) or (1 eq 1"];
        var data = new TheoryData<string, string, string>();
        foreach (var join in joins)
        {
            foreach (var injected in join)
            {
                foreach (var fragment in fragments)
                {
                    // The fragment alone, and after a value that matches (as a hand-built filter would splice it).
                    foreach (var value in new[] { fragment, Valid[injected] + fragment })
                    {
                        var query = string.Join('&', join.Select(p => p + "=" + Uri.EscapeDataString(p == injected ? value : Valid[p])));
                        data.Add(string.Join('+', join), injected, "?" + query + "&limit=100");
                    }
                }
            }
        }
        return data;
    }

    private static readonly Dictionary<string, string> Valid = new() { ["category"] = "经济", ["source"] = "发改委", ["q"] = "会议" };

    [Fact]
    public async Task The_joined_queries_match_articles_without_any_fragment()
    {
        // So that the empty answers below mean the fragment matched nothing, not that the join does.
        foreach (var (query, expected) in new[] { ("?category=经济&source=发改委", 4), ("?q=会议&category=经济", 12), ("?q=会议&source=发改委", 8), ("?q=会议&category=经济&source=发改委", 4) })
        {
            var request = ContentTestHost.Get("/api/articles", query + "&limit=100");
            var (status, _, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
            Assert.Equal(200, status);
            Assert.Equal(expected, body.GetProperty("items").GetArrayLength());
        }
    }

    [Theory]
    [MemberData(nameof(JoinedInjections))]
    public async Task OData_fragments_in_one_parameter_of_a_join_are_a_400_or_match_nothing(string join, string injected, string query)
    {
        var request = ContentTestHost.Get("/api/articles", query);
        var (status, contentType, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
        if (status == 400)
        {
            Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(200, status);
        // No article has a category, source or word with a quote in it: anything listed came through a widened filter.
        Assert.True(body.GetProperty("items").GetArrayLength() == 0, $"{join} with a fragment in {injected} listed {body.GetProperty("items").GetArrayLength()} articles");
    }
}
