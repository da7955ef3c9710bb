using System.Collections.Concurrent;
using Azure.Data.Tables;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp.Functions;
using static NewsFunctions.IntegrationTests.FaultInjection;

namespace NewsFunctions.IntegrationTests;

/// <summary>
/// The sweep (<see cref="DocumentSync"/>, <c>newsfn sync</c>, the <see cref="SyncDocuments"/> timer) against Azurite:
/// documents the service never recorded, or recorded for another version, end up as exactly one article each.
/// </summary>
public sealed class SyncTests : IAsyncLifetime
{
    private readonly FaultInjection _faults = new();
    private readonly ContentTestHost _host;

    public SyncTests() => _host = _faults.CreateHost();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync()
    {
        _faults.Decide = _ => Fault.None;
        _faults.Observe = null;
        return _host.DisposeAsync();
    }

    private DocumentSync Sync => _host.Service<DocumentSync>();
    private IArticleStore Store => _host.Service<IArticleStore>();
    private DocumentLedger Ledger => _host.Service<DocumentLedger>();

    private static byte[] Numbered(int i, string? body = null) =>
        Documents.Article($"同步测试第{i}篇", new DateOnly(2024, 5, 1).AddDays(i), category: i % 2 == 0 ? "甲类" : "乙类", source: $"来源{i % 3}", body: body);

    /// <summary>Uploads documents the way a site does, with no trigger running: nothing records them.</summary>
    private async Task<string[]> UploadUnrecordedAsync(int from, int count, string prefix = "docs/")
    {
        var names = Enumerable.Range(from, count).Select(i => $"{prefix}{i:D3}.txt").ToArray();
        await Task.WhenAll(names.Select((name, k) => _host.Documents.GetBlobClient(name).UploadAsync(new BinaryData(Numbered(from + k)), overwrite: true)));
        return names;
    }

    private Task<SyncSummary> RunAsync(SyncOptions? options = null, Action<SyncItem>? onItem = null, CancellationToken cancellationToken = default) =>
        Sync.RunAsync(options ?? SyncOptions.Default, onItem, null, cancellationToken);

    private static void AssertAddsUp(SyncSummary s) =>
        Assert.Equal(s.Examined, s.AlreadyCurrent + s.Stored + s.Unchanged + s.Failed + s.Errors + s.Gone + s.WouldIngest);

    /// <summary>
    /// Every blob in the container has its ledger row for its current ETag and its article, which names it; no article
    /// is there twice or without a document; list paging, search and counts agree.
    /// </summary>
    private async Task AssertEveryDocumentHasOneArticleAsync(int expected)
    {
        var ids = new List<string>();
        await foreach (var blob in _host.Documents.GetBlobsAsync())
        {
            var record = await Ledger.FindAsync(_host.Documents.Name, blob.Name, CancellationToken.None);
            Assert.NotNull(record);
            Assert.Equal(nameof(DocumentStatus.Stored), record.Status);
            Assert.True(BlobETags.Same(record.BlobETag, blob.Properties.ETag.ToString()), $"{blob.Name}: ledger ETag {record.BlobETag}, blob {blob.Properties.ETag}");
            var article = await Store.FindAsync(record.ArticleId!, CancellationToken.None);
            Assert.NotNull(article);
            Assert.Equal(blob.Name, article.Provenance.BlobName);
            ids.Add(article.Id);
        }
        Assert.Equal(expected, ids.Count);
        Assert.Equal(expected, ids.Distinct(StringComparer.Ordinal).Count());

        var stored = 0;
        await foreach (var _ in _host.Service<ContentTables>().Articles.QueryAsync<TableEntity>(select: ["PartitionKey"]))
            stored++;
        Assert.Equal(expected, stored);
        var listed = (await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items.Select(i => i.Id).ToArray();
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var sources = await _host.Service<FacetCounters>().GetAsync(FacetKind.Source, CancellationToken.None);
        Assert.Equal(expected, sources.Sum(s => s.Count));
        var categories = await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None);
        Assert.Equal(expected, categories.Single(c => c.Name == "文字新闻").Count);
    }

    [Fact]
    public async Task Documents_uploaded_with_nothing_recorded_are_ingested_and_the_recorded_ones_left_alone()
    {
        await _host.UploadAndTriggerAsync("docs/900.txt", Numbered(900));
        await _host.UploadAndTriggerAsync("docs/901.txt", Numbered(901));
        var unrecorded = await UploadUnrecordedAsync(0, 12);

        var items = new ConcurrentBag<SyncItem>();
        var summary = await RunAsync(onItem: items.Add);

        AssertAddsUp(summary);
        Assert.Equal(14, summary.Examined);
        Assert.Equal(12, summary.Stored);
        Assert.Equal(2, summary.AlreadyCurrent);
        Assert.Equal(0, summary.Errors + summary.Failed + summary.Unchanged + summary.Gone);
        Assert.True(summary.Complete);
        Assert.Equal(unrecorded.Order(StringComparer.Ordinal), items.Select(i => i.BlobName).Order(StringComparer.Ordinal));
        Assert.All(items, i => Assert.Equal((SyncReason.Unrecorded, SyncOutcome.Stored), (i.Reason, i.Outcome)));
        await AssertEveryDocumentHasOneArticleAsync(14);

        var again = await RunAsync();
        Assert.Equal(new SyncSummary(14, 14, 0, 0, 0, 0, 0, 0, 1, 1, true), again);
    }

    [Fact]
    public async Task Documents_whose_ledger_rows_were_deleted_after_ingest_are_recorded_again_with_their_articles_counted_once()
    {
        for (var i = 0; i < 6; i++)
            await _host.UploadAndTriggerAsync($"docs/{i:D3}.txt", Numbered(i));
        var before = (await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items.Select(i => i.Id).Order(StringComparer.Ordinal).ToArray();
        var documents = _host.Service<ContentTables>().Documents;
        foreach (var i in new[] { 1, 3, 4 })
            await documents.DeleteEntityAsync(_host.Documents.Name, TableKeys.Escape($"docs/{i:D3}.txt"));

        var summary = await RunAsync();

        AssertAddsUp(summary);
        Assert.Equal((6, 3, 3), (summary.Examined, summary.Stored, summary.AlreadyCurrent));
        await AssertEveryDocumentHasOneArticleAsync(6);
        var after = (await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items.Select(i => i.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_changed_blob_whose_ledger_row_has_the_old_etag_is_ingested_again()
    {
        await _host.UploadAndTriggerAsync("docs/000.txt", Numbered(0, body: "旧版本的正文讲的是水利建设。"));
        await _host.UploadAndTriggerAsync("docs/001.txt", Numbered(1));
        var id = (await Ledger.FindAsync(_host.Documents.Name, "docs/000.txt", CancellationToken.None))!.ArticleId!;
        // Changed without the trigger seeing it: the ledger still has the first version's ETag.
        await _host.Documents.GetBlobClient("docs/000.txt").UploadAsync(new BinaryData(Numbered(0, body: "新版本的正文讲的是数字经济。")), overwrite: true);

        var items = new ConcurrentBag<SyncItem>();
        var summary = await RunAsync(onItem: items.Add);

        Assert.Equal((2, 1, 1), (summary.Examined, summary.Stored, summary.AlreadyCurrent));
        var item = Assert.Single(items);
        Assert.Equal(("docs/000.txt", SyncReason.Changed, SyncOutcome.Stored, id), (item.BlobName, item.Reason, item.Outcome, item.ArticleId));
        var article = await Store.FindAsync(id, CancellationToken.None);
        Assert.Contains("数字经济", string.Concat(article!.Paragraphs), StringComparison.Ordinal);
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Search = "水利" }, CancellationToken.None)).Items);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Search = "数字经济" }, CancellationToken.None)).Items);
        await AssertEveryDocumentHasOneArticleAsync(2);
    }

    [Fact]
    public async Task The_same_bytes_uploaded_again_are_found_unchanged_once_and_then_current()
    {
        await _host.UploadAndTriggerAsync("docs/000.txt", Numbered(0));
        await _host.Documents.GetBlobClient("docs/000.txt").UploadAsync(new BinaryData(Numbered(0)), overwrite: true); // a new ETag, the same bytes

        var first = await RunAsync();
        Assert.Equal((1, 1, 0), (first.Examined, first.Unchanged, first.Stored));
        // The ledger took the new ETag, so the document is not downloaded again on every run.
        var second = await RunAsync();
        Assert.Equal((1, 1), (second.Examined, second.AlreadyCurrent));
        await AssertEveryDocumentHasOneArticleAsync(1);
    }

    [Fact]
    public async Task A_document_that_cannot_be_parsed_is_recorded_as_failed_once_and_not_taken_again()
    {
        await UploadUnrecordedAsync(0, 2);
        await _host.Documents.GetBlobClient("docs/empty.txt").UploadAsync(new BinaryData(Array.Empty<byte>()));

        var first = await RunAsync();
        Assert.Equal((3, 2, 1), (first.Examined, first.Stored, first.Failed));
        var record = await Ledger.FindAsync(_host.Documents.Name, "docs/empty.txt", CancellationToken.None);
        Assert.Equal(nameof(DocumentStatus.Failed), record!.Status);
        // Recorded with its reason for `newsfn failures` and `requeue`: the sweep does not retry it every hour.
        var second = await RunAsync();
        Assert.Equal((3, 3), (second.Examined, second.AlreadyCurrent));
    }

    [Fact]
    public async Task A_run_cancelled_halfway_and_run_again_finishes_the_job()
    {
        await UploadUnrecordedAsync(0, 20);
        using var stop = new CancellationTokenSource();
        var done = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(SyncOptions.Default with { Parallelism = 2 },
            _ => { if (Interlocked.Increment(ref done) == 8) stop.Cancel(); }, stop.Token));
        var recorded = 0;
        await foreach (var _ in Ledger.GetAllAsync(CancellationToken.None))
            recorded++;
        Assert.InRange(recorded, 8, 19);

        var second = await RunAsync();

        AssertAddsUp(second);
        Assert.Equal(20, second.Examined);
        Assert.Equal(recorded, second.AlreadyCurrent);
        Assert.Equal(20 - recorded, second.Stored);
        await AssertEveryDocumentHasOneArticleAsync(20);
    }

    [Fact]
    public async Task A_run_cut_off_by_storage_failing_and_run_again_finishes_the_job()
    {
        await UploadUnrecordedAsync(0, 12);
        // Storage goes away for good a few documents into the run: every request after the cut fails, retries included.
        var cutAt = _faults.Requests + 120;
        _faults.Decide = n => n > cutAt ? Fault.ConnectionDropped : Fault.None;
        SyncSummary? first = null;
        try
        {
            first = await RunAsync(SyncOptions.Default with { Parallelism = 2 });
        }
        catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or IOException)
        {
            // The listing or the ledger read failed: the run stops, nothing half-recorded.
        }
        Assert.True(_faults.Injected > 0);
        if (first is not null)
        {
            AssertAddsUp(first);
            Assert.True(first.Errors > 0, "the run met the failing storage");
        }

        _faults.Decide = _ => Fault.None;
        var second = await RunAsync();

        AssertAddsUp(second);
        Assert.Equal(0, second.Errors);
        Assert.Equal(12, second.Examined);
        Assert.True(second.Stored + second.Unchanged > 0, "the second run took what the first left");
        await AssertEveryDocumentHasOneArticleAsync(12);
    }

    [Fact]
    public async Task Two_sweeps_at_once_give_one_article_per_document()
    {
        await UploadUnrecordedAsync(0, 16);

        var runs = await Task.WhenAll(RunAsync(SyncOptions.Default with { Parallelism = 3 }), RunAsync(SyncOptions.Default with { Parallelism = 3 }));

        Assert.All(runs, AssertAddsUp);
        Assert.All(runs, r => Assert.Equal((16, 0, 0), (r.Examined, r.Errors, r.Failed)));
        // Each document was stored by at least one of them (some by both: ingestion is idempotent under the article lock).
        Assert.InRange(runs.Sum(r => r.Stored), 16, 32);
        await AssertEveryDocumentHasOneArticleAsync(16);
        Assert.Equal(16, (await RunAsync()).AlreadyCurrent);
    }

    [Fact]
    public async Task A_sweep_racing_the_blob_trigger_gives_one_article_per_document()
    {
        var names = await UploadUnrecordedAsync(0, 16);

        // The host's trigger takes the same uploads while the sweep runs.
        var trigger = Task.WhenAll(names.Select(async name =>
        {
            await using var stream = await _host.Documents.GetBlobClient(name).OpenReadAsync();
            await _host.Function<IngestDocument>().Run(stream, name, CancellationToken.None);
        }));
        var summary = await RunAsync(SyncOptions.Default with { Parallelism = 4 });
        await trigger;

        AssertAddsUp(summary);
        Assert.Equal((16, 0), (summary.Examined, summary.Errors));
        await AssertEveryDocumentHasOneArticleAsync(16);
        Assert.Equal(16, (await RunAsync()).AlreadyCurrent);
    }

    [Fact]
    public async Task A_dry_run_lists_what_it_would_do_and_only_reads()
    {
        await _host.UploadAndTriggerAsync("docs/900.txt", Numbered(900));
        await _host.UploadAndTriggerAsync("docs/901.txt", Numbered(901));
        await _host.Documents.GetBlobClient("docs/901.txt").UploadAsync(new BinaryData(Numbered(901, body: "改过的正文。")), overwrite: true);
        await UploadUnrecordedAsync(0, 3);
        var ledgerBefore = await LedgerSnapshotAsync();
        var methods = new ConcurrentBag<string>();
        _faults.Observe = request => methods.Add(request.Method.ToString());

        var items = new ConcurrentBag<SyncItem>();
        var summary = await RunAsync(SyncOptions.Default with { DryRun = true }, items.Add);

        _faults.Observe = null;
        Assert.Equal(new SyncSummary(5, 1, 0, 0, 0, 0, 0, 4, 1, 1, true), summary);
        Assert.Equal(
            ["docs/000.txt Unrecorded", "docs/001.txt Unrecorded", "docs/002.txt Unrecorded", "docs/901.txt Changed"],
            items.Select(i => $"{i.BlobName} {i.Reason}").Order(StringComparer.Ordinal));
        Assert.All(items, i => Assert.Equal(SyncOutcome.WouldIngest, i.Outcome));
        // One listing and one ledger query, both reads; nothing written, not even a lock.
        Assert.Equal(["GET", "GET"], methods.Order(StringComparer.Ordinal));
        Assert.Equal(ledgerBefore, await LedgerSnapshotAsync());
        Assert.Equal(2, (await Store.ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task Ledger_rows_are_read_by_ranges_matching_each_listing_page_even_where_escaping_reorders_the_names()
    {
        // Escaped RowKeys do not sort like blob names: '/' becomes "%2F", which sorts before '-', '.' and '0', and a
        // literal '%' becomes "%25". Pages of three blobs each straddle those reorderings.
        string[] names =
        [
            "a b.txt", "a#1.txt", "a%41.txt", "a-b/1.txt", "a-b/2.txt", "a.b/1.txt", "a/1.txt", "a/2.txt", "a/b/c.txt", "a0.txt",
            "a?x=1.txt", "新闻/第一篇.txt", "新闻-归档/第二篇.txt", "z.txt",
        ];
        for (var i = 0; i < names.Length; i++)
            await _host.UploadAndTriggerAsync(names[i], Numbered(i));
        var tiny = SyncOptions.Default with { PageSize = 3 };

        var current = await RunAsync(tiny);
        Assert.Equal(new SyncSummary(names.Length, names.Length, 0, 0, 0, 0, 0, 0, 5, current.LedgerRequests, true), current);
        // Every page's rows by ranges: about one query a page (a seek costs one more), never one per blob.
        Assert.InRange(current.LedgerRequests, 5, 10);

        // Rows missing in the middle of the reordered ranges are found missing, and only they.
        var documents = _host.Service<ContentTables>().Documents;
        string[] gone = ["a%41.txt", "a-b/2.txt", "a/1.txt", "新闻-归档/第二篇.txt"];
        foreach (var name in gone)
            await documents.DeleteEntityAsync(_host.Documents.Name, TableKeys.Escape(name));
        var items = new ConcurrentBag<SyncItem>();
        var summary = await RunAsync(tiny with { DryRun = true }, items.Add);
        Assert.Equal(gone.Order(StringComparer.Ordinal), items.Select(i => i.BlobName).Order(StringComparer.Ordinal));
        Assert.Equal(names.Length - gone.Length, summary.AlreadyCurrent);

        // The same with ledger query pages of two rows: ranges span other pages' rows, and full pages of them make the
        // lookup seek to the next wanted key. The answer is the same.
        Ledger.RangePageSize = 2;
        var seeking = new ConcurrentBag<SyncItem>();
        var sought = await RunAsync(tiny with { DryRun = true }, seeking.Add);
        Assert.Equal(gone.Order(StringComparer.Ordinal), seeking.Select(i => i.BlobName).Order(StringComparer.Ordinal));
        Assert.Equal(names.Length - gone.Length, sought.AlreadyCurrent);

        await RunAsync(tiny);
        await AssertEveryDocumentHasOneArticleAsync(names.Length);
        Assert.Equal(names.Length, (await RunAsync(tiny)).AlreadyCurrent);
    }

    [Fact]
    public async Task A_ledger_lookup_seeks_past_a_run_of_other_blobs_rows_instead_of_reading_them()
    {
        // "a/1.txt".."a/9.txt" escape to "a%2F1.txt".., which sort before "a-b.txt": looking up "a/1.txt" and "a-b.txt"
        // is one range with the eight other "a/" rows inside it.
        string[] recorded = [.. Enumerable.Range(1, 9).Select(i => $"a/{i}.txt"), "a-b.txt", "a.c.txt"];
        foreach (var name in recorded)
            await Ledger.RecordAsync(_host.Documents.Name, new DocumentRecord { BlobName = name, Status = nameof(DocumentStatus.Stored), BlobETag = "\"0x1\"" }, CancellationToken.None);
        Ledger.RangePageSize = 2;

        var lookup = await Ledger.FindManyAsync(_host.Documents.Name, ["a-b.txt", "a/1.txt", "a/missing.txt"], CancellationToken.None);

        Assert.Equal(["a-b.txt", "a/1.txt"], lookup.ByBlobName.Keys.Order(StringComparer.Ordinal));
        // [a/1, a/2] has a wanted row; [a/3, a/4] has none, so the lookup seeks to "a-b.txt": three pages of the six
        // the range holds, five rows read of its eleven.
        Assert.Equal((3, 5), (lookup.Requests, lookup.RowsRead));
    }

    [Fact]
    public async Task A_sweep_of_a_current_container_is_one_list_request_and_one_ledger_query()
    {
        for (var i = 0; i < 30; i++)
            await _host.UploadAndTriggerAsync($"docs/{i:D3}.txt", Numbered(i));
        var requests = new ConcurrentBag<string>();
        _faults.Observe = request => requests.Add($"{request.Method} {request.Uri.Host}:{request.Uri.Port}");

        var summary = await RunAsync();

        _faults.Observe = null;
        Assert.Equal((30, 30, 1, 1), (summary.Examined, summary.AlreadyCurrent, summary.ListRequests, summary.LedgerRequests));
        Assert.Equal(2, requests.Count); // the blob listing and the table query, nothing per blob
    }

    [Fact]
    public async Task The_timer_function_sweeps_the_container()
    {
        await UploadUnrecordedAsync(0, 3);

        await _host.Function<SyncDocuments>().Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        await AssertEveryDocumentHasOneArticleAsync(3);
    }

    private async Task<List<string>> LedgerSnapshotAsync()
    {
        var rows = new List<string>();
        await foreach (var row in _host.Service<ContentTables>().Documents.QueryAsync<TableEntity>())
            rows.Add($"{row.PartitionKey}|{row.RowKey}|{row.ETag}");
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
