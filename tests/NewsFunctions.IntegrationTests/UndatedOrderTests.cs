using System.Text;
using Azure.Data.Tables;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Search;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.IntegrationTests;

/// <summary>
/// Undated articles come after every dated one, in every list: a site's latest news opens with dated articles even
/// right after a backlog was imported. Among themselves undated articles are the last stored first.
/// </summary>
public sealed class UndatedOrderTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    private IArticleStore Store => _host.Service<IArticleStore>();

    private static byte[] Undated(string title, string category = "要闻", string source = "测试市人民政府") => Encoding.UTF8.GetBytes(string.Join('\n',
        $"您现在的位置:首页 > {category} > 文字新闻", title, $"来源:{source}", "", $"  {title}。关于防汛工作的通知,请各单位认真落实。", "  这是正文的第二段。", "上一条:无"));

    private async Task IngestAsync(string name, byte[] content, IngestOptions? options = null)
    {
        using var stream = new MemoryStream(content);
        var result = await _host.Service<IDocumentIngestion>().IngestAsync(new(_host.Documents.Name, name), stream, options ?? IngestOptions.Default, CancellationToken.None);
        Assert.Equal(IngestionStatus.Stored, result.Status);
    }

    /// <summary>Dated and undated interleaved, undated ones stored last (as an import of a backlog stores them): 4 dated, 3 undated.</summary>
    private async Task IngestMixedAsync()
    {
        await IngestAsync("d1.txt", Documents.Article("防汛通知一", new DateOnly(2021, 3, 1)));
        await IngestAsync("u1.txt", Undated("防汛无日期一"));
        await IngestAsync("d2.txt", Documents.Article("防汛通知二", new DateOnly(2023, 7, 9)));
        await IngestAsync("u2.txt", Undated("防汛无日期二"));
        await IngestAsync("d3.txt", Documents.Article("防汛通知三", new DateOnly(2019, 12, 31)));
        await IngestAsync("d4.txt", Documents.Article("防汛通知四", new DateOnly(2022, 1, 15)));
        await IngestAsync("u3.txt", Undated("防汛无日期三"));
    }

    private static readonly string[] Expected = ["防汛通知二", "防汛通知四", "防汛通知一", "防汛通知三", "防汛无日期三", "防汛无日期二", "防汛无日期一"];

    private async Task<List<string>> PageThroughAsync(ArticleQuery query)
    {
        var titles = new List<string>();
        ArticleCursor? cursor = null;
        do
        {
            var page = await Store.ListAsync(query with { Cursor = cursor }, CancellationToken.None);
            titles.AddRange(page.Items.Select(i => i.Title));
            cursor = page.Next;
        } while (cursor is not null);
        return titles;
    }

    [Fact]
    public async Task The_first_page_is_the_dated_articles_newest_first_and_paging_gives_each_article_once()
    {
        await IngestMixedAsync();

        var request = ContentTestHost.Get("/api/articles", "?limit=4");
        var (status, _, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
        Assert.Equal(200, status);
        var first = body.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(Expected[..4], first.Select(i => i.GetProperty("title").GetString()));
        Assert.All(first, i => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, i.GetProperty("publishedAt").ValueKind));

        foreach (var limit in new[] { 1, 2, 3, 100 })
            Assert.Equal(Expected, await PageThroughAsync(new ArticleQuery { Limit = limit }));
    }

    [Fact]
    public async Task Category_source_search_their_joins_and_the_feed_put_undated_articles_last_too()
    {
        await IngestMixedAsync();

        Assert.Equal(Expected, await PageThroughAsync(new ArticleQuery { Category = "要闻", Limit = 2 }));
        Assert.Equal(Expected, await PageThroughAsync(new ArticleQuery { Source = "测试市人民政府", Limit = 3 }));
        Assert.Equal(Expected, await PageThroughAsync(new ArticleQuery { Search = "防汛", Limit = 2 }));
        Assert.Equal(Expected, await PageThroughAsync(new ArticleQuery { Category = "要闻", Source = "测试市人民政府", Limit = 2 }));
        Assert.Equal(Expected, await PageThroughAsync(new ArticleQuery { Search = "防汛", Category = "要闻", Limit = 4 }));

        var feed = ContentTestHost.Get("/api/feed", "?limit=5");
        var (status, _, xml) = await _host.ExecuteRawAsync(await _host.Function<GetFeed>().Run(feed, CancellationToken.None), feed);
        Assert.Equal(200, status);
        var titles = System.Xml.Linq.XDocument.Parse(xml).Descendants("item").Select(i => (string?)i.Element("title")).ToArray();
        Assert.Equal(Expected[..5], titles);

        var counts = await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None);
        Assert.Equal(7, counts.Single(c => c.Name == "要闻").Count);
    }

    [Fact]
    public async Task A_date_range_holds_dated_articles_only()
    {
        await IngestMixedAsync();
        var china = TimeSpan.FromHours(8);

        var upTo = await PageThroughAsync(new ArticleQuery { Before = new DateTimeOffset(2022, 1, 16, 0, 0, 0, china), Limit = 2 });
        Assert.Equal(["防汛通知四", "防汛通知一", "防汛通知三"], upTo);
        var searchUpTo = await PageThroughAsync(new ArticleQuery { Search = "防汛", Before = new DateTimeOffset(2030, 1, 1, 0, 0, 0, china), Limit = 2 });
        Assert.Equal(Expected[..4], searchUpTo);
        var from = await PageThroughAsync(new ArticleQuery { From = new DateTimeOffset(2021, 1, 1, 0, 0, 0, china), Limit = 2 });
        Assert.Equal(["防汛通知二", "防汛通知四", "防汛通知一"], from);
    }

    private static byte[] Page(bool dated)
    {
        var paragraph = "<p>" + string.Concat(Enumerable.Repeat("本市今日召开防汛工作会议，会议要求各部门认真落实责任，做好各项准备工作，确保安全度汛。", 4)) + "</p>";
        var meta = dated ? "<meta property=\"article:published_time\" content=\"2024-05-01T08:00:00+08:00\">" : "";
        return Encoding.UTF8.GetBytes($"<html><head><meta charset=\"utf-8\"><title>防汛会议召开</title><link rel=\"canonical\" href=\"https://site.example/news/1.html\">{meta}</head><body><article><h1>防汛会议召开</h1>{paragraph}{paragraph}</article></body></html>");
    }

    private async Task<string[]> RowKeysAsync(string partition)
    {
        var keys = new List<string>();
        await foreach (var row in _host.Service<ContentTables>().ArticleIndex.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"]))
            keys.Add(row.RowKey);
        return keys.ToArray();
    }

    [Fact]
    public async Task Re_parsing_moves_the_article_between_dated_and_undated_positions_and_leaves_nothing_behind()
    {
        await IngestAsync("dated.txt", Documents.Article("防汛通知一", new DateOnly(2021, 3, 1)));
        await IngestAsync("page.html", Page(dated: false));
        var id = (await Store.ListAsync(new ArticleQuery { Search = "防汛会议" }, CancellationToken.None)).Items.Single().Id;
        var undatedKey = Assert.Single(await RowKeysAsync(ArticleIndexRow.AllPartition), k => k.EndsWith(id, StringComparison.Ordinal));
        Assert.True(string.CompareOrdinal(undatedKey, TableKeys.UndatedStart) > 0);
        Assert.Equal(["防汛通知一", "防汛会议召开"], await PageThroughAsync(new ArticleQuery { Limit = 1 }));

        // The page gets its date (same canonical URL, so the same article): it moves up among the dated ones.
        await IngestAsync("page.html", Page(dated: true));
        var datedKey = Assert.Single(await RowKeysAsync(ArticleIndexRow.AllPartition), k => k.EndsWith(id, StringComparison.Ordinal));
        Assert.True(string.CompareOrdinal(datedKey, TableKeys.UndatedStart) < 0);
        Assert.Equal(["防汛会议召开", "防汛通知一"], await PageThroughAsync(new ArticleQuery { Limit = 1 }));
        Assert.Equal(["防汛会议召开"], await PageThroughAsync(new ArticleQuery { Search = "防汛会议", Limit = 1 }));

        // And loses it again: back to the position it had when first stored.
        await IngestAsync("page.html", Page(dated: false));
        Assert.Equal(undatedKey, Assert.Single(await RowKeysAsync(ArticleIndexRow.AllPartition), k => k.EndsWith(id, StringComparison.Ordinal)));
        Assert.Equal(["防汛会议召开"], await PageThroughAsync(new ArticleQuery { Search = "防汛会议", Limit = 1 }));
        Assert.Equal(1, await PostingsAsync("汛会"));
        var state = IndexState.ReadFrom((await _host.Service<ContentTables>().Articles.GetEntityAsync<TableEntity>(id, ArticleEntity.RowKey)).Value);
        Assert.True(state.Complete);
        Assert.Empty(state.StaleKeys);
        Assert.Equal(undatedKey, state.RowKey);
    }

    [Fact]
    public async Task An_undated_article_stored_by_the_earlier_version_moves_after_the_dated_ones_when_reindexed()
    {
        await IngestAsync("dated.txt", Documents.Article("防汛通知一", new DateOnly(2021, 3, 1)));
        await IngestAsync("undated.txt", Undated("防汛无日期一"));
        var tables = _host.Service<ContentTables>();
        var id = (await Store.ListAsync(new ArticleQuery { Search = "无日期" }, CancellationToken.None)).Items.Single().Id;

        // As the earlier version left it: SortTime (the first storing) instead of StoredAt, listed by that time among
        // the dated articles, which puts it first.
        var firstStored = new DateTimeOffset(2025, 11, 1, 9, 30, 0, TimeSpan.Zero);
        var entity = (await tables.Articles.GetEntityAsync<TableEntity>(id, ArticleEntity.RowKey)).Value;
        var state = IndexState.ReadFrom(entity);
        var oldKey = TableKeys.InvertedTicks(firstStored) + ":" + id;
        foreach (var (partition, row) in state.Keys)
        {
            var table = tables.IndexTableFor(partition);
            var indexRow = (await table.GetEntityAsync<TableEntity>(partition, row)).Value;
            await table.DeleteEntityAsync(partition, row);
            indexRow.RowKey = oldKey;
            await table.UpsertEntityAsync(indexRow, TableUpdateMode.Replace);
        }
        foreach (var term in state.Terms)
        {
            await tables.SearchShardFor(term).DeleteEntityAsync(SearchIndex.Partition, SearchIndex.RowKey(term, state.RowKey!));
            await tables.SearchShardFor(term).UpsertEntityAsync(new TableEntity(SearchIndex.Partition, SearchIndex.RowKey(term, oldKey)));
        }
        (state with { Keys = state.Keys.Select(k => (k.Partition, oldKey)).ToArray() }).WriteTo(entity);
        entity.Remove("StoredAt");
        entity["SortTime"] = firstStored;
        await tables.Articles.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
        Assert.Equal(["防汛无日期一", "防汛通知一"], await PageThroughAsync(new ArticleQuery { Limit = 1 }));

        await IngestAsync("undated.txt", Undated("防汛无日期一"), new IngestOptions(Reparse: true));

        Assert.Equal(["防汛通知一", "防汛无日期一"], await PageThroughAsync(new ArticleQuery { Limit = 1 }));
        Assert.Equal(["防汛通知一", "防汛无日期一"], await PageThroughAsync(new ArticleQuery { Category = "要闻", Limit = 1 }));
        Assert.Equal(["防汛无日期一"], await PageThroughAsync(new ArticleQuery { Search = "无日期" }));
        var moved = Assert.Single(await RowKeysAsync(ArticleIndexRow.AllPartition), k => k.EndsWith(id, StringComparison.Ordinal));
        Assert.Equal(TableKeys.UndatedInvertedTicks(firstStored) + ":" + id, moved); // it kept its first-stored time
        Assert.Equal(1, await PostingsAsync("无日"));
        Assert.Equal(2, Assert.Single(await _host.Service<FacetCounters>().GetAsync(FacetKind.Source, CancellationToken.None)).Count);
    }

    private async Task<int> PostingsAsync(string term)
    {
        var count = 0;
        await foreach (var _ in _host.Service<ContentTables>().SearchShardFor(term).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {SearchIndex.Partition} and RowKey ge {SearchIndex.KeyPrefix(term)} and RowKey lt {SearchIndex.KeyPrefix(term) + "~"}"), select: ["RowKey"]))
            count++;
        return count;
    }
}
