using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.FunctionApp.Functions;
using static NewsFunctions.IntegrationTests.FaultInjection;

namespace NewsFunctions.IntegrationTests;

/// <summary>Nothing lost, nothing twice, nothing half-written: under storage faults and concurrent ingests.</summary>
public sealed class ReliabilityTests : IAsyncLifetime
{
    private readonly FaultInjection _faults = new();
    private readonly ContentTestHost _host;

    public ReliabilityTests() => _host = _faults.CreateHost();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync()
    {
        _faults.Decide = _ => Fault.None;
        return _host.DisposeAsync();
    }

    private IArticleStore Store => _host.Service<IArticleStore>();

    private async Task<IngestionResult> IngestAsync(string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        return await _host.Service<IDocumentIngestion>().IngestAsync(new(_host.Documents.Name, name), stream, CancellationToken.None);
    }

    private static byte[] Numbered(int i) =>
        Documents.Article($"可靠性测试第{i}篇", new DateOnly(2024, 1, 1).AddDays(i), category: i % 2 == 0 ? "甲类" : "乙类", source: "测试局");

    [Fact]
    public async Task Transient_503s_and_dropped_connections_are_retried_and_lose_nothing()
    {
        _faults.Decide = n => (n % 7) switch { 3 => Fault.ServiceUnavailable, 5 => Fault.ConnectionDropped, _ => Fault.None };

        for (var i = 0; i < 15; i++)
            Assert.Equal(IngestionStatus.Stored, (await IngestAsync($"doc{i}.txt", Numbered(i))).Status);

        Assert.True(_faults.Injected > 50, $"{_faults.Injected} faults injected in {_faults.Requests} requests");
        _faults.Decide = _ => Fault.None;
        var all = await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None);
        Assert.Equal(15, all.Items.Select(i => i.Id).Distinct().Count());
        var categories = await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None);
        Assert.Equal(8, categories.Single(c => c.Name == "甲类").Count);
        Assert.Equal(7, categories.Single(c => c.Name == "乙类").Count);
        Assert.Equal(15, categories.Single(c => c.Name == "文字新闻").Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(20)]
    [InlineData(24)]
    [InlineData(26)]
    public async Task A_save_cut_off_halfway_is_never_listed_half_and_the_retry_completes_it(int requestsBeforeTheCut)
    {
        await IngestAsync("before.txt", Numbered(1));
        var cutAt = _faults.Requests + requestsBeforeTheCut;
        _faults.Decide = n => n > cutAt ? Fault.ConnectionDropped : Fault.None;

        await Assert.ThrowsAnyAsync<Exception>(() => IngestAsync("cut.txt", Numbered(2)));

        _faults.Decide = _ => Fault.None;
        // Whatever was written, no list row leads to a missing article.
        foreach (var item in (await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items)
            Assert.NotNull(await Store.FindAsync(item.Id, CancellationToken.None));

        // The host retries the blob: the article is completed, once.
        Assert.Equal(IngestionStatus.Stored, (await IngestAsync("cut.txt", Numbered(2))).Status);
        var titles = (await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items.Select(i => i.Title).ToArray();
        Assert.Equal(["可靠性测试第2篇", "可靠性测试第1篇"], titles);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Category = "甲类" }, CancellationToken.None)).Items);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Search = "第2篇" }, CancellationToken.None)).Items);
        var categories = await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None);
        Assert.Equal(2, categories.Single(c => c.Name == "文字新闻").Count);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(25)]
    public async Task An_update_cut_off_halfway_leaves_nothing_of_the_old_version_after_the_retry(int requestsBeforeTheCut)
    {
        await IngestAsync("moving.txt", Documents.Article("会议将于春季举行", new DateOnly(2024, 3, 1), category: "旧栏目", source: "旧来源", body: "原定的议程包括水利建设。"));
        var cutAt = _faults.Requests + requestsBeforeTheCut;
        _faults.Decide = n => n > cutAt ? Fault.ServiceUnavailable : Fault.None;
        var corrected = Documents.Article("会议将于春季举行", new DateOnly(2024, 3, 1), category: "新栏目", source: "新来源", body: "调整后的议程聚焦数字经济。");

        await Assert.ThrowsAnyAsync<Exception>(() => IngestAsync("moving.txt", corrected));
        _faults.Decide = _ => Fault.None;
        Assert.Equal(IngestionStatus.Stored, (await IngestAsync("moving.txt", corrected)).Status);

        Assert.Single((await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items);
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Category = "旧栏目" }, CancellationToken.None)).Items);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Category = "新栏目" }, CancellationToken.None)).Items);
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Search = "水利" }, CancellationToken.None)).Items);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Search = "数字经济" }, CancellationToken.None)).Items);
        var sources = await _host.Service<FacetCounters>().GetAsync(FacetKind.Source, CancellationToken.None);
        Assert.Equal(new FacetCount("新来源", 1), Assert.Single(sources));
    }

    [Fact]
    public async Task The_same_blob_processed_by_several_invocations_at_once_is_one_article()
    {
        await _host.Documents.GetBlobClient("same.txt").UploadAsync(new BinaryData(Numbered(3)));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var stream = await _host.Documents.GetBlobClient("same.txt").OpenReadAsync();
            await _host.Function<IngestDocument>().Run(stream, "same.txt", CancellationToken.None);
        }));

        Assert.Single((await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items);
        var sources = await _host.Service<FacetCounters>().GetAsync(FacetKind.Source, CancellationToken.None);
        Assert.Equal(new FacetCount("测试局", 1), Assert.Single(sources));
    }

    [Fact]
    public async Task The_same_article_under_two_names_at_once_is_one_article_counted_once()
    {
        await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => IngestAsync($"copy{i}.txt", Numbered(4))));

        var item = Assert.Single((await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Category = "甲类" }, CancellationToken.None)).Items);
        var categories = await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None);
        Assert.Equal(1, categories.Single(c => c.Name == "甲类").Count);
        Assert.Equal(1, categories.Single(c => c.Name == "文字新闻").Count);
        Assert.NotNull(await Store.FindAsync(item.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_poisoned_document_is_listed_as_failed_and_requeue_stores_it()
    {
        await _host.Documents.GetBlobClient("stubborn.txt").UploadAsync(new BinaryData(Numbered(5)));
        // Every try fails (storage down): the function throws each time, and the host gives up after five.
        _faults.Decide = _ => Fault.ServiceUnavailable;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var stream = new MemoryStream(Numbered(5));
            await Assert.ThrowsAnyAsync<Exception>(() => _host.Function<IngestDocument>().Run(stream, "stubborn.txt", CancellationToken.None));
        }
        _faults.Decide = _ => Fault.None;
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items);

        // The host's poison message, as the blob trigger writes it.
        await _host.Function<RecordPoisonedDocument>().Run(new PoisonBlobMessage("Host.Functions.IngestDocument", _host.Documents.Name, "stubborn.txt", "\"0x1\""), CancellationToken.None);
        var failed = new List<DocumentRecord>();
        await foreach (var record in _host.Service<DocumentLedger>().GetFailuresAsync(CancellationToken.None))
            failed.Add(record);
        Assert.Equal("Poisoned", Assert.Single(failed).Reason);

        var summary = await _host.Service<Reindexer>().RunAsync(ReindexScope.Failed, null, CancellationToken.None);
        Assert.Equal(1, summary.Reparsed);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items);
    }
}
