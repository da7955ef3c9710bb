using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.IntegrationTests;

/// <summary>Deleting articles, re-indexing and re-queueing documents, and articles too large for one entity.</summary>
public sealed class OperatorToolTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    private IArticleStore Store => _host.Service<IArticleStore>();

    [Fact]
    public async Task A_deleted_article_is_gone_from_lists_detail_search_feed_and_counts()
    {
        await _host.UploadAndTriggerAsync("seed.txt", Documents.Seed());
        var id = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Id;

        var delete = ContentTestHost.Get($"/api/manage/articles/{id}");
        delete.Method = "DELETE";
        var (status, _, _) = await _host.ExecuteRawAsync(await _host.Function<DeleteArticle>().Run(delete, id, CancellationToken.None), delete);
        Assert.Equal(204, status);

        Assert.Null(await Store.FindAsync(id, CancellationToken.None));
        Assert.Empty((await Store.ListAsync(new(), CancellationToken.None)).Items);
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Category = "开发区新闻" }, CancellationToken.None)).Items);
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Search = "人大" }, CancellationToken.None)).Items);
        Assert.Empty(await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None));
        Assert.Empty(await _host.Service<FacetCounters>().GetAsync(FacetKind.Source, CancellationToken.None));
        var feed = ContentTestHost.Get("/api/feed");
        var (_, _, rss) = await _host.ExecuteRawAsync(await _host.Function<GetFeed>().Run(feed, CancellationToken.None), feed);
        Assert.DoesNotContain(id, rss, StringComparison.Ordinal);

        var again = ContentTestHost.Get($"/api/manage/articles/{id}");
        var (secondStatus, _, _) = await _host.ExecuteRawAsync(await _host.Function<DeleteArticle>().Run(again, id, CancellationToken.None), again);
        Assert.Equal(404, secondStatus);
    }

    [Fact]
    public async Task Reindex_reparses_every_document_and_keeps_the_ids()
    {
        await _host.UploadAndTriggerAsync("seed.txt", Documents.Seed());
        await _host.UploadAndTriggerAsync("other.txt", Documents.Article("另一篇文章", new DateOnly(2022, 2, 2)));
        var before = (await Store.ListAsync(new(), CancellationToken.None)).Items.Select(i => i.Id).Order(StringComparer.Ordinal).ToArray();

        var reindexer = _host.Service<Reindexer>();
        var outdated = await reindexer.RunAsync(ReindexScope.Outdated, null, CancellationToken.None);
        Assert.Equal(new ReindexSummary(2, 0, 0, 2, 0), outdated); // already at the current parser version
        var all = await reindexer.RunAsync(ReindexScope.All, null, CancellationToken.None);
        Assert.Equal(new ReindexSummary(2, 2, 0, 0, 0), all);

        var after = (await Store.ListAsync(new(), CancellationToken.None)).Items.Select(i => i.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(before, after);
        var counts = await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None);
        Assert.Equal(2, counts.Single(c => c.Name == "文字新闻").Count);
    }

    [Fact]
    public async Task An_imported_document_is_kept_in_the_container_so_reindex_can_read_it_again()
    {
        var content = Documents.Article("导入的文章", new DateOnly(2022, 3, 3));
        // A stream that cannot seek, as a pipe would be: its bytes must reach both the container and the parser.
        await using (var pipe = new ForwardOnlyStream(content))
            Assert.Equal(IngestionStatus.Stored, (await _host.Service<IDocumentIngestion>().ImportAsync("imported/a.txt", pipe, CancellationToken.None)).Status);

        var blob = await _host.Documents.GetBlobClient("imported/a.txt").DownloadContentAsync();
        Assert.Equal(content, blob.Value.Content.ToArray());
        var record = await _host.Service<DocumentLedger>().FindAsync(_host.Documents.Name, "imported/a.txt", CancellationToken.None);
        Assert.Equal(blob.Value.Details.ETag.ToString(), record!.BlobETag);

        var id = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Id;
        Assert.Equal(new ReindexSummary(1, 1, 0, 0, 0), await _host.Service<Reindexer>().RunAsync(ReindexScope.All, null, CancellationToken.None));
        Assert.Equal(id, Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Id);

        // The trigger firing for the same blob afterwards finds it stored.
        using var again = new MemoryStream(content);
        Assert.Equal(IngestionStatus.Unchanged, (await _host.Service<IDocumentIngestion>().IngestBlobAsync("imported/a.txt", again, CancellationToken.None)).Status);
    }

    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Requeue_ingests_failed_documents_again_once_they_are_fixed()
    {
        await _host.UploadAndTriggerAsync("later.txt", "not yet an article"u8.ToArray());
        Assert.Single(await Failures());

        // The fix: here the document itself is corrected in place (a parser fix would be a new deployment).
        await _host.Documents.GetBlobClient("later.txt").UploadAsync(new BinaryData(Documents.Article("修好的文章", new DateOnly(2022, 3, 3))), overwrite: true);
        var summary = await _host.Service<Reindexer>().RunAsync(ReindexScope.Failed, null, CancellationToken.None);

        Assert.Equal(1, summary.Reparsed);
        Assert.Empty(await Failures());
        Assert.Equal("修好的文章", Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Title);
    }

    [Fact]
    public async Task A_two_megabyte_article_keeps_its_body_in_a_blob_and_round_trips()
    {
        var paragraph = string.Concat(Enumerable.Range(0, 150_000).Select(i => $"第{i % 1000}句话。"));
        var document = Documents.Article("超长文章", new DateOnly(2023, 3, 3), body: paragraph);
        Assert.True(document.Length > 2 * 1024 * 1024, $"{document.Length} bytes");

        await _host.UploadAndTriggerAsync("huge.txt", document);

        var id = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Id;
        var article = await Store.FindAsync(id, CancellationToken.None);
        Assert.NotNull(article);
        Assert.Equal(paragraph, article.Paragraphs[0]);
        Assert.Equal("这是正文的第二段。", article.Paragraphs[^1]);
        var tables = _host.Service<NewsFunctions.Content.Storage.ContentTables>();
        var entity = await tables.Articles.GetEntityAsync<Azure.Data.Tables.TableEntity>(id, "article", ["BodyBlob", "BodyChunks"]);
        Assert.Equal(0, entity.Value.GetInt32("BodyChunks"));
        Assert.True(await tables.BodiesContainer.GetBlobClient(entity.Value.GetString("BodyBlob")).ExistsAsync());

        // A shorter version moves the body back into the entity and removes the blob.
        await _host.UploadAndTriggerAsync("huge.txt", Documents.Article("超长文章", new DateOnly(2023, 3, 3), body: "现在短了。"));
        Assert.Equal("现在短了。", (await Store.FindAsync(id, CancellationToken.None))!.Paragraphs[0]);
        Assert.False(await tables.BodiesContainer.GetBlobClient(entity.Value.GetString("BodyBlob")).ExistsAsync());
    }

    private async Task<List<DocumentRecord>> Failures()
    {
        var failures = new List<DocumentRecord>();
        await foreach (var record in _host.Service<DocumentLedger>().GetFailuresAsync(CancellationToken.None))
            failures.Add(record);
        return failures;
    }
}
