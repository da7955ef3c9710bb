using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly ContentTestHost _host;

    public StorageRequestCountTests()
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        _host = new ContentTestHost(services => services.AddSingleton(
            StorageClients.FromConnectionString(ContentTestHost.ConnectionString, tableOptions, BlobOptions())));
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
    public async Task A_detail_is_one_point_read()
    {
        var id = (await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Limit = 1 }, CancellationToken.None)).Items[0].Id;
        var request = ContentTestHost.Get($"/api/articles/{id}");
        Assert.Equal(1, await CountAsync(() => _host.Function<GetArticle>().Run(request, id, CancellationToken.None)));
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
        // The ledger read and write; the article added blind and marked complete; four list rows (all, two categories,
        // source); one posting batch per shard; per facet kind, one read of its counters and one transaction.
        Assert.Equal(1 + 1 + 1 + 4 + shards + 2 * 2 + 1, requests.Count);
        Assert.DoesNotContain(requests, r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("articles(", StringComparison.Ordinal));
        Assert.Equal(2, requests.Count(r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("facets", StringComparison.Ordinal)));
        // The lock: one acquire and one release on a shared lock blob; on a stripe's first use, a failed acquire and
        // creating the blob first.
        var blobs = _blobCounter.Requests;
        Assert.True(blobs.All(r => r.Contains("/locks/s", StringComparison.Ordinal)), string.Join('\n', blobs));
        Assert.True(blobs.Count is 2 or 4, $"{blobs.Count} lock requests");
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
