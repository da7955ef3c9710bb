using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Search;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.IntegrationTests;

/// <summary>Cost stays what the design promises: the storage requests of each read are counted on the client pipeline.</summary>
public sealed class StorageRequestCountTests : IAsyncLifetime
{
    private readonly CountingPolicy _counter = new();
    private readonly CountingPolicy _blobCounter = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ContentTestHost _host;

    /// <summary>The test host's Api:CacheMaxAgeSeconds: entries in memory live no longer.</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(120);

    public StorageRequestCountTests()
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        _host = new ContentTestHost(services =>
        {
            services.AddSingleton(StorageClients.FromConnectionString(ContentTestHost.ConnectionString, tableOptions, BlobOptions()));
            services.AddSingleton<TimeProvider>(_time);
        });
    }

    private BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(_blobCounter, HttpPipelinePosition.PerRetry);
        return options;
    }

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        var ingestion = _host.Service<IDocumentIngestion>();
        for (var i = 0; i < 12; i++)
        {
            using var stream = new MemoryStream(Documents.Article($"第{i}篇报道", new DateOnly(2023, 1, 1).AddDays(i), category: "经济"));
            await ingestion.IngestAsync(new(_host.Documents.Name, $"d{i}.txt"), stream, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<int> CountAsync(Func<Task> read)
    {
        _counter.Reset();
        await read();
        return _counter.Count;
    }

    [Theory]
    [InlineData("")]
    [InlineData("?limit=5")]
    [InlineData("?limit=5&category=%E7%BB%8F%E6%B5%8E")]
    [InlineData("?limit=5&from=2023-01-03&to=2023-01-09")]
    public async Task A_list_page_is_one_table_query(string query)
    {
        var request = ContentTestHost.Get("/api/articles", query);
        Assert.Equal(1, await CountAsync(() => _host.Function<ListArticles>().Run(request, CancellationToken.None)));
    }

    [Fact]
    public async Task The_next_page_is_one_table_query_too()
    {
        var first = await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Limit = 5 }, CancellationToken.None);
        Assert.Equal(1, await CountAsync(() => _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Limit = 5, Cursor = first.Next }, CancellationToken.None)));
    }

    [Fact]
    public async Task A_detail_is_one_point_read_and_one_query_for_each_neighbour_named_by_title()
    {
        var id = (await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Limit = 1 }, CancellationToken.None)).Items[0].Id;
        var request = ContentTestHost.Get($"/api/articles/{id}");
        _counter.Reset();
        await _host.Function<GetArticle>().Run(request, id, CancellationToken.None);
        var requests = _counter.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Single(requests, r => r.Contains("articles(PartitionKey=", StringComparison.Ordinal));
        Assert.Equal(2, requests.Count(r => r.EndsWith("articletitles()", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_detail_whose_neighbours_have_urls_is_a_point_read_each_and_at_most_five_requests_when_no_url_is_stored()
    {
        var second = await IngestAsync("b.html", Documents.Html("河畔公园樱花进入盛花期", new DateOnly(2023, 3, 16), "https://news.example.cn/b.html", null, null));
        var first = await IngestAsync("a.html", Documents.Html("河畔新区开通首条夜间公交线路", new DateOnly(2023, 3, 15), "https://news.example.cn/a.html",
            previous: ("河畔公园樱花进入盛花期", "https://news.example.cn/b.html"), next: ("河畔公园樱花进入盛花期", "https://news.example.cn/b.html")));
        var unstored = await IngestAsync("c.html", Documents.Html("没有邻居的文章", new DateOnly(2023, 3, 17), "https://news.example.cn/c.html",
            previous: ("未收录的上一篇", "https://news.example.cn/x.html"), next: ("未收录的下一篇", "https://news.example.cn/y.html")));

        // Found by URL: the point read of the URL's id is all a link costs.
        Assert.Equal(3, await CountAsync(() => _host.Service<IArticleReads>().GetAsync(first, CancellationToken.None)));
        Assert.Equal(second, (await _host.Service<IArticleReads>().GetAsync(first, CancellationToken.None))!.Next!.Id);
        // Not found by URL: the title is tried too. This is the most a detail costs.
        Assert.Equal(5, await CountAsync(() => _host.Service<IArticleReads>().GetAsync(unstored, CancellationToken.None)));
    }

    [Fact]
    public async Task A_search_for_a_two_character_word_is_two_queries()
    {
        var request = ContentTestHost.Get("/api/articles", "?q=" + Uri.EscapeDataString("报道"));
        Assert.Equal(2, await CountAsync(() => _host.Function<ListArticles>().Run(request, CancellationToken.None)));
    }

    [Fact]
    public async Task Categories_are_one_query()
    {
        var request = ContentTestHost.Get("/api/categories");
        Assert.Equal(1, await CountAsync(() => _host.Function<ListFacets>().Categories(request, CancellationToken.None)));
    }

    [Fact]
    public async Task Ingesting_a_new_document_reads_neither_its_article_nor_a_counter_per_category()
    {
        _counter.Reset();
        _blobCounter.Reset();
        using (var stream = new MemoryStream(Documents.Article("新文章的请求数", new DateOnly(2023, 3, 1), category: "统计")))
            Assert.Equal(IngestionStatus.Stored, (await _host.Service<IDocumentIngestion>().IngestAsync(new(_host.Documents.Name, "new.txt"), stream, CancellationToken.None)).Status);
        var requests = _counter.Requests;

        var article = (await _host.Service<IArticleStore>().FindAsync((await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Category = "统计" }, CancellationToken.None)).Items.Single().Id, CancellationToken.None))!;
        var shards = SearchTerms.ForArticle(article.Title, article.Paragraphs).Select(SearchIndex.ShardOf).Distinct().Count();
        // The ledger read and write; the article added blind and marked complete; five list rows (all, two categories,
        // source, title); one posting batch per shard; per facet kind, one read of its counters and one transaction.
        Assert.Equal(1 + 1 + 1 + 5 + shards + 2 * 2 + 1, requests.Count);
        Assert.DoesNotContain(requests, r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("articles(", StringComparison.Ordinal));
        Assert.Equal(2, requests.Count(r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("facets", StringComparison.Ordinal)));
        // The lock: one acquire and one release on a shared lock blob; on a stripe's first use, a failed acquire and
        // creating the blob first.
        var blobs = _blobCounter.Requests;
        Assert.True(blobs.All(r => r.Contains("/locks/s", StringComparison.Ordinal)), string.Join('\n', blobs));
        Assert.True(blobs.Count is 2 or 4, $"{blobs.Count} lock requests");
    }

    private async Task<string> IngestAsync(string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        var result = await _host.Service<IDocumentIngestion>().IngestAsync(new(_host.Documents.Name, name), stream, CancellationToken.None);
        Assert.Equal(IngestionStatus.Stored, result.Status);
        return result.ArticleId!;
    }

    private Task<int> ListAsync(string query) => CountAsync(async () =>
    {
        var request = ContentTestHost.Get("/api/articles", query);
        await _host.ExecuteRawAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
    });

    private Task<int> DetailAsync(string id) => CountAsync(async () =>
    {
        var request = ContentTestHost.Get($"/api/articles/{id}");
        await _host.ExecuteRawAsync(await _host.Function<GetArticle>().Run(request, id, CancellationToken.None), request);
    });

    private async Task<string> AnyIdAsync() => (await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Limit = 1 }, CancellationToken.None)).Items[0].Id;

    [Fact]
    public async Task A_repeated_list_page_or_detail_within_the_max_age_makes_no_storage_request()
    {
        var id = await AnyIdAsync();
        Assert.Equal(1, await ListAsync("?limit=5"));
        Assert.Equal(3, await DetailAsync(id));

        _time.Advance(MaxAge - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await ListAsync("?limit=5"));
        Assert.Equal(0, await DetailAsync(id));
    }

    [Fact]
    public async Task After_the_max_age_a_list_page_or_detail_is_read_from_storage_again()
    {
        var id = await AnyIdAsync();
        Assert.Equal(1, await ListAsync("?limit=5"));
        Assert.Equal(3, await DetailAsync(id));

        _time.Advance(MaxAge);
        Assert.Equal(1, await ListAsync("?limit=5"));
        Assert.Equal(3, await DetailAsync(id));
        Assert.Equal(0, await ListAsync("?limit=5"));
    }

    [Fact]
    public async Task An_ingest_in_this_instance_drops_every_list_page_and_only_the_details_it_changes()
    {
        var ids = (await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Limit = 2 }, CancellationToken.None)).Items.Select(i => i.Id).ToArray();
        Assert.Equal(1, await ListAsync("?limit=5"));
        Assert.Equal(1, await ListAsync("?category=%E7%BB%8F%E6%B5%8E"));
        Assert.Equal(3, await DetailAsync(ids[0]));
        Assert.Equal(3, await DetailAsync(ids[1]));

        // d11.txt made the newest article (ids[0]): the same bytes again, parsed again, save it again.
        using (var stream = new MemoryStream(Documents.Article("第11篇报道", new DateOnly(2023, 1, 12), category: "经济")))
            await _host.Service<IDocumentIngestion>().IngestAsync(new(_host.Documents.Name, "d11.txt"), stream, new IngestOptions(Reparse: true), CancellationToken.None);

        Assert.Equal(1, await ListAsync("?limit=5"));
        Assert.Equal(1, await ListAsync("?category=%E7%BB%8F%E6%B5%8E"));
        Assert.Equal(3, await DetailAsync(ids[0]));
        Assert.Equal(0, await DetailAsync(ids[1]));
    }

    [Fact]
    public async Task A_delete_in_this_instance_drops_the_list_pages_and_the_detail()
    {
        var id = await AnyIdAsync();
        Assert.Equal(1, await ListAsync(""));
        Assert.Equal(3, await DetailAsync(id));

        Assert.True(await _host.Service<IArticleStore>().DeleteAsync(id, CancellationToken.None));

        Assert.Equal(1, await ListAsync(""));
        Assert.Equal(1, await DetailAsync(id)); // a 404 now, never kept: the point read every time
        Assert.Equal(1, await DetailAsync(id));
    }

    [Fact]
    public async Task Different_parameters_never_share_an_entry()
    {
        var first = await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Limit = 5 }, CancellationToken.None);
        string[] queries =
        [
            "", "?limit=5", "?limit=6", "?limit=5&cursor=" + first.Next, "?limit=5&category=%E7%BB%8F%E6%B5%8E",
            "?limit=5&source=%E6%B5%8B%E8%AF%95%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C", "?limit=5&from=2023-01-03", "?limit=5&to=2023-01-09",
            "?limit=5&from=2023-01-03&to=2023-01-09", "?limit=5&q=%E6%8A%A5%E9%81%93",
        ];
        var bodies = new Dictionary<string, string>();
        foreach (var query in queries)
        {
            Assert.True(await ListAsync(query) >= 1, $"{query} was served from another query's entry");
            bodies[query] = await BodyAsync(query);
        }
        // Each again: from memory, and each its own.
        foreach (var query in queries)
        {
            Assert.Equal(0, await ListAsync(query));
            Assert.Equal(bodies[query], await BodyAsync(query));
        }
        Assert.Equal(queries.Length, bodies.Values.Distinct().Count());
        // fields only chooses what is written of the same page: from memory, with only the ids.
        Assert.Equal(0, await ListAsync("?limit=5&fields=id"));
        Assert.DoesNotContain("title", await BodyAsync("?limit=5&fields=id"), StringComparison.Ordinal);
    }

    private async Task<string> BodyAsync(string query)
    {
        var request = ContentTestHost.Get("/api/articles", query);
        return (await _host.ExecuteRawAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request)).Body;
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _requests = new();

        public int Count => _requests.Count;

        /// <summary>"GET /devstoreaccount1/tabc123articles(PartitionKey=...)" and the like, in the order sent.</summary>
        public IReadOnlyList<string> Requests => _requests.ToArray();

        public void Reset() => _requests.Clear();

        public override void OnSendingRequest(HttpMessage message) =>
            _requests.Enqueue(message.Request.Method + " " + Uri.UnescapeDataString(message.Request.Uri.Path));
    }
}
