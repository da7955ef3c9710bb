using Azure.Core;
using Azure.Data.Tables;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Search;
using NewsFunctions.Content.Storage;
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
        _faults.DecideByRequest = null;
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
        // Whatever was written, no list row leads to a missing article, and the index state names every row.
        foreach (var item in (await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items)
            Assert.NotNull(await Store.FindAsync(item.Id, CancellationToken.None));
        var id = ArticleId.For(new NewsFunctions.Parsing.DocumentParser().Parse(Numbered(2), "cut.txt").Article!, _host.Documents.Name, "cut.txt");
        await AssertAccountedForAsync(id);

        // The host retries the blob: the article is completed, once, and its index state says so.
        Assert.Equal(IngestionStatus.Stored, (await IngestAsync("cut.txt", Numbered(2))).Status);
        await AssertCompleteAsync(id);
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

        await AssertCompleteAsync(Assert.Single((await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items).Id);
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Category = "旧栏目" }, CancellationToken.None)).Items);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Category = "新栏目" }, CancellationToken.None)).Items);
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Search = "水利" }, CancellationToken.None)).Items);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Search = "数字经济" }, CancellationToken.None)).Items);
        var sources = await _host.Service<FacetCounters>().GetAsync(FacetKind.Source, CancellationToken.None);
        Assert.Equal(new FacetCount("新来源", 1), Assert.Single(sources));
    }

    private async Task<IndexState> StateOfAsync(string id) =>
        IndexState.ReadFrom((await _host.Service<ContentTables>().Articles.GetEntityAsync<TableEntity>(id, ArticleEntity.RowKey)).Value);

    /// <summary>Every list-index row of the article, wherever it is: what the index state must name exactly.</summary>
    private async Task<HashSet<(string Partition, string Row)>> IndexRowsOfAsync(string id)
    {
        var rows = new HashSet<(string, string)>();
        var tables = _host.Service<ContentTables>();
        foreach (var table in new[] { tables.ArticleIndex, tables.ArticleTitles })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Id eq {id}"), select: ["PartitionKey", "RowKey"]))
                rows.Add((row.PartitionKey, row.RowKey));
        }
        return rows;
    }

    private async Task<bool> PostingExistsAsync(string term, string rowKey) =>
        (await _host.Service<ContentTables>().SearchShardFor(term).GetEntityIfExistsAsync<TableEntity>(SearchIndex.Partition, SearchIndex.RowKey(term, rowKey), ["RowKey"])).HasValue;

    /// <summary>A finished save: complete, nothing left to remove, and its keys and terms are exactly what storage holds.</summary>
    private async Task AssertCompleteAsync(string id)
    {
        var state = await StateOfAsync(id);
        Assert.True(state.Complete);
        Assert.Empty(state.StaleKeys);
        Assert.Empty(state.StalePostings);
        Assert.Equal(state.Keys.ToHashSet(), await IndexRowsOfAsync(id));
        var article = (await Store.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(SearchTerms.ForArticle(article.Title, article.Paragraphs).Order(StringComparer.Ordinal), state.Terms.Order(StringComparer.Ordinal));
        foreach (var term in state.Terms)
            Assert.True(await PostingExistsAsync(term, state.RowKey!), $"no posting for {term}");
    }

    /// <summary>After a cut: the state is complete and exact, or pending and names every row that may be left.</summary>
    private async Task AssertAccountedForAsync(string id)
    {
        var entity = await _host.Service<ContentTables>().Articles.GetEntityIfExistsAsync<TableEntity>(id, ArticleEntity.RowKey);
        var rows = await IndexRowsOfAsync(id);
        if (!entity.HasValue)
        {
            Assert.Empty(rows); // no list row before its detail
            return;
        }
        var state = IndexState.ReadFrom(entity.Value!);
        if (state.Complete)
        {
            Assert.Empty(state.StaleKeys);
            Assert.Equal(state.Keys.ToHashSet(), rows);
        }
        else
        {
            Assert.Subset(state.Keys.Concat(state.StaleKeys).ToHashSet(), rows);
            Assert.Empty(state.Keys.Intersect(state.StaleKeys));
        }
    }

    [Fact]
    public async Task After_a_save_the_index_state_is_complete_and_names_exactly_the_rows_and_terms_stored()
    {
        await IngestAsync("state.txt", Numbered(3));
        var id = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Id;

        await AssertCompleteAsync(id);
        var state = await StateOfAsync(id);
        var article = (await Store.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(
            new[] { ArticleIndexRow.AllPartition, ArticleIndexRow.CategoryPartition("乙类"), ArticleIndexRow.CategoryPartition("文字新闻"), ArticleIndexRow.SourcePartition("测试局"), ArticleTitleIndex.PartitionFor(article.SiteName, article.Title)! }.Order(StringComparer.Ordinal),
            state.Keys.Select(k => k.Partition).Order(StringComparer.Ordinal));
        Assert.Single(state.Keys.Select(k => k.Row).Distinct());
    }

    [Fact]
    public async Task An_update_cut_off_after_its_entity_is_written_leaves_a_pending_state_the_retry_completes()
    {
        await IngestAsync("moving.txt", Documents.Article("会议将于春季举行", new DateOnly(2024, 3, 1), category: "旧栏目", source: "同一来源", body: "原定的议程包括水利建设。"));
        // The same site, source, title and day: the same article, updated in place (another source would be another id).
        var id = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Id;
        var before = await StateOfAsync(id);

        // Every request after the one that replaces the article entity (step 1 of the save) fails.
        var written = 0;
        _faults.DecideByRequest = request =>
        {
            if (Volatile.Read(ref written) == 1) return Fault.ConnectionDropped;
            if (request.Method == RequestMethod.Put && request.Uri.Path.Contains("articles(", StringComparison.Ordinal))
                Interlocked.Exchange(ref written, 1);
            return Fault.None;
        };
        var corrected = Documents.Article("会议将于春季举行", new DateOnly(2024, 3, 1), category: "新栏目", source: "同一来源", body: "调整后的议程聚焦数字经济。");
        await Assert.ThrowsAnyAsync<Exception>(() => IngestAsync("moving.txt", corrected));
        _faults.DecideByRequest = null;
        Assert.Equal(1, written);

        // Pending: the new version's keys and terms, not complete, and the old version's rows and postings to remove.
        var pending = await StateOfAsync(id);
        Assert.False(pending.Complete);
        Assert.Contains((ArticleIndexRow.CategoryPartition("新栏目"), pending.RowKey!), pending.Keys);
        Assert.Equal(before.Keys.Except(pending.Keys).ToHashSet(), pending.StaleKeys.ToHashSet());
        Assert.Contains((ArticleIndexRow.CategoryPartition("旧栏目"), before.RowKey!), pending.StaleKeys);
        var oldOnly = before.Terms.Except(pending.Terms, StringComparer.Ordinal).ToArray();
        Assert.Contains("水利", oldOnly);
        Assert.Equal(oldOnly.Order(StringComparer.Ordinal), pending.StalePostings[before.RowKey!].Order(StringComparer.Ordinal));

        Assert.Equal(IngestionStatus.Stored, (await IngestAsync("moving.txt", corrected)).Status);

        await AssertCompleteAsync(id);
        foreach (var (partition, row) in before.Keys.Except((await StateOfAsync(id)).Keys))
            Assert.DoesNotContain((partition, row), await IndexRowsOfAsync(id));
        foreach (var term in oldOnly)
            Assert.False(await PostingExistsAsync(term, before.RowKey!), $"the old version's posting for {term} is still there");
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
