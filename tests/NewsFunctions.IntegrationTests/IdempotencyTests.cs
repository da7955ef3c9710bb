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
