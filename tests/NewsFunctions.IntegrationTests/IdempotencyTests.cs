using Azure.Storage.Blobs.Specialized;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;

namespace NewsFunctions.IntegrationTests;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<ArticlePage> ListAll() => _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Limit = 100 }, CancellationToken.None);

    [Fact]
    public async Task The_same_blob_processed_twice_is_one_article()
    {
        await _host.UploadAndTriggerAsync("seed.txt", Documents.Seed());
        await _host.UploadAndTriggerAsync("seed.txt", Documents.Seed());

        var ingestion = _host.Service<IDocumentIngestion>();
        using var again = new MemoryStream(Documents.Seed());
        var third = await ingestion.IngestBlobAsync("seed.txt", again, CancellationToken.None);

        Assert.Equal(IngestionStatus.Unchanged, third.Status);
        Assert.Single((await ListAll()).Items);
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "Content-MD5 is Blob Storage's checksum, compared, not trusted.")]
    public async Task Storage_keeps_the_md5_of_a_blob_uploaded_in_one_request()
    {
        // What tells a trigger's stale bytes from the blob's current version (DocumentIngestionService.IsOtherVersion).
        var blob = _host.Documents.GetBlobClient("md5.txt");
        var bytes = Documents.Seed();
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(System.Security.Cryptography.MD5.HashData(bytes), properties.ContentHash);
    }

    [Fact]
    public async Task A_trigger_holding_an_older_version_ingests_the_current_one_under_its_etag()
    {
        var blob = _host.Documents.GetBlobClient("news.txt");
        var first = Documents.Article("旧版的标题", new DateOnly(2021, 3, 1), body: "旧版的正文讲的是水利建设。");
        await blob.UploadAsync(new BinaryData(first), overwrite: true);
        // The host read the first version, then the site uploaded a second before the function asked for the ETag.
        var second = await blob.UploadAsync(new BinaryData(Documents.Article("新版的标题", new DateOnly(2021, 3, 1), body: "新版的正文讲的是数字经济。")), overwrite: true);

        using var stale = new MemoryStream(first);
        var result = await _host.Service<IDocumentIngestion>().IngestBlobAsync("news.txt", stale, CancellationToken.None);

        Assert.Equal((IngestionStatus.Stored, "新版的标题"), (result.Status, result.Title));
        var record = await _host.Service<DocumentLedger>().FindAsync(_host.Documents.Name, "news.txt", CancellationToken.None);
        Assert.Equal(second.Value.ETag.ToString(), record!.BlobETag);
        Assert.Equal("新版的标题", Assert.Single((await ListAll()).Items).Title);
    }

    [Fact]
    public async Task A_trigger_holding_an_older_version_too_large_to_read_ingests_the_current_one_that_fits()
    {
        var host = new ContentTestHost(settings: new Dictionary<string, string?> { ["Content:MaxDocumentBytes"] = "20000" });
        await host.InitializeAsync();
        try
        {
            var blob = host.Documents.GetBlobClient("big.txt");
            var large = Documents.Article("过大的旧版", new DateOnly(2021, 3, 1), body: string.Concat(Enumerable.Repeat("旧版的正文写得很长很长。", 3000)));
            await blob.UploadAsync(new BinaryData(large), overwrite: true);
            var fits = await blob.UploadAsync(new BinaryData(Documents.Article("能读的新版", new DateOnly(2021, 3, 1))), overwrite: true);

            using var stale = new MemoryStream(large);
            var result = await host.Service<IDocumentIngestion>().IngestBlobAsync("big.txt", stale, CancellationToken.None);

            Assert.Equal((IngestionStatus.Stored, "能读的新版"), (result.Status, result.Title));
            var record = await host.Service<DocumentLedger>().FindAsync(host.Documents.Name, "big.txt", CancellationToken.None);
            Assert.Equal(fits.Value.ETag.ToString(), record!.BlobETag);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_blob_put_together_from_blocks_without_an_md5_is_ingested_under_its_etag()
    {
        var blob = _host.Documents.GetBlockBlobClient("blocks.txt");
        var bytes = Documents.Article("分块上传的标题", new DateOnly(2021, 3, 2));
        var block = Convert.ToBase64String("block-0"u8.ToArray());
        using (var part = new MemoryStream(bytes)) await blob.StageBlockAsync(block, part);
        var committed = await blob.CommitBlockListAsync([block]);
        Assert.Null((await blob.GetPropertiesAsync()).Value.ContentHash);

        using var content = new MemoryStream(bytes);
        var result = await _host.Service<IDocumentIngestion>().IngestBlobAsync("blocks.txt", content, CancellationToken.None);

        Assert.Equal((IngestionStatus.Stored, "分块上传的标题"), (result.Status, result.Title));
        var record = await _host.Service<DocumentLedger>().FindAsync(_host.Documents.Name, "blocks.txt", CancellationToken.None);
        Assert.Equal(committed.Value.ETag.ToString(), record!.BlobETag);
    }

    [Fact]
    public async Task A_stale_trigger_arriving_after_the_newer_one_leaves_the_newer_article()
    {
        var blob = _host.Documents.GetBlobClient("news.txt");
        var first = Documents.Article("旧版的标题", new DateOnly(2021, 3, 1), body: "旧版的正文讲的是水利建设。");
        await blob.UploadAsync(new BinaryData(first), overwrite: true);
        await _host.UploadAndTriggerAsync("news.txt", Documents.Article("新版的标题", new DateOnly(2021, 3, 1), body: "新版的正文讲的是数字经济。"));

        // The first upload's trigger runs last, with the bytes it read before the second upload.
        using var stale = new MemoryStream(first);
        var result = await _host.Service<IDocumentIngestion>().IngestBlobAsync("news.txt", stale, CancellationToken.None);

        Assert.Equal(IngestionStatus.Unchanged, result.Status);
        var article = await _host.Service<IArticleStore>().FindAsync(Assert.Single((await ListAll()).Items).Id, CancellationToken.None);
        Assert.Equal("新版的标题", article!.Title);
        Assert.Contains("数字经济", string.Concat(article.Paragraphs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_with_a_corrected_title_updates_the_article_in_place()
    {
        await _host.UploadAndTriggerAsync("news.txt", Documents.Article("初版标题", new DateOnly(2021, 3, 1)));
        await _host.UploadAndTriggerAsync("news.txt", Documents.Article("更正后的标题", new DateOnly(2021, 3, 1), category: "通知公告"));

        var item = Assert.Single((await ListAll()).Items);
        Assert.Equal("更正后的标题", item.Title);
        // The old category's index row went with the old version.
        var oldCategory = await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Category = "要闻" }, CancellationToken.None);
        Assert.Empty(oldCategory.Items);
        var newCategory = await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Category = "通知公告" }, CancellationToken.None);
        Assert.Equal(item.Id, Assert.Single(newCategory.Items).Id);
        var record = await _host.Service<DocumentLedger>().FindAsync(_host.Documents.Name, "news.txt", CancellationToken.None);
        Assert.Equal(item.Id, record?.ArticleId);
    }

    [Fact]
    public async Task The_same_article_under_two_names_is_one_article()
    {
        await _host.UploadAndTriggerAsync("a/one.txt", Documents.Seed());
        await _host.UploadAndTriggerAsync("b/two.txt", Documents.Seed());

        Assert.Single((await ListAll()).Items);
    }

    [Fact]
    public async Task A_body_longer_than_one_property_round_trips_intact()
    {
        var longParagraph = string.Concat(Enumerable.Range(0, 9000).Select(i => $"第{i}句。"));
        Assert.True(longParagraph.Length > 40_000);
        await _host.UploadAndTriggerAsync("long.txt", Documents.Article("很长的文章", new DateOnly(2022, 1, 1), body: longParagraph));

        var id = Assert.Single((await ListAll()).Items).Id;
        var article = await _host.Service<IArticleStore>().FindAsync(id, CancellationToken.None);

        Assert.NotNull(article);
        Assert.Equal(longParagraph, article.Paragraphs[0]);
        Assert.Equal(["这是正文的第二段。"], article.Paragraphs.Skip(1));
    }
}
