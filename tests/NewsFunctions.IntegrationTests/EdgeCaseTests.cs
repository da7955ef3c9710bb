using System.Text;
using Azure.Data.Tables;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Search;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.IntegrationTests;

/// <summary>The corners a reviewer found: undated articles under concurrency, orphan postings, split surrogates.</summary>
public sealed class EdgeCaseTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    private IArticleStore Store => _host.Service<IArticleStore>();

    private static byte[] Undated(string title, string body) => Encoding.UTF8.GetBytes(string.Join('\n',
        "您现在的位置:首页 > 无日期栏目", title, "来源:测试站", "", body, "上一条:无"));

    private async Task<IngestionResult> IngestAsync(string name, byte[] content, IngestOptions? options = null)
    {
        using var stream = new MemoryStream(content);
        return await _host.Service<IDocumentIngestion>().IngestAsync(new(_host.Documents.Name, name), stream, options ?? IngestOptions.Default, CancellationToken.None);
    }

    private async Task<int> PostingsAsync(string term)
    {
        var count = 0;
        await foreach (var _ in _host.Service<ContentTables>().SearchShardFor(term).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {SearchIndex.Partition} and RowKey ge {SearchIndex.KeyPrefix(term)} and RowKey lt {SearchIndex.KeyPrefix(term) + "~"}"), select: ["RowKey"]))
            count++;
        return count;
    }

    [Fact]
    public async Task An_undated_article_reparsed_concurrently_keeps_one_position_and_one_posting_per_word()
    {
        var document = Undated("没有日期的通知", "关于防汛工作的紧急通知。");
        await IngestAsync("undated.txt", document);
        var first = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => IngestAsync("undated.txt", document, new IngestOptions(Reparse: true))));

        var after = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items);
        Assert.Equal(first.Id, after.Id);
        Assert.Equal(1, await PostingsAsync("防汛"));
        Assert.Single((await Store.ListAsync(new ArticleQuery { Search = "防汛" }, CancellationToken.None)).Items);
        Assert.Equal(1, (await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None)).Single().Count);
    }

    [Fact]
    public async Task A_posting_whose_article_is_gone_does_not_end_search_paging()
    {
        for (var i = 0; i < 5; i++)
            await IngestAsync($"d{i}.txt", Documents.Article($"防汛通知第{i}号", new DateOnly(2024, 6, 1).AddDays(i)));
        // An orphan posting, as a crash between removing list rows and postings could once leave.
        var orphanRowKey = TableKeysFor(new DateOnly(2024, 6, 10));
        await _host.Service<ContentTables>().SearchShardFor("防汛").UpsertEntityAsync(new TableEntity(SearchIndex.Partition, SearchIndex.RowKey("防汛", orphanRowKey)));

        var titles = new List<string>();
        ArticleCursor? cursor = null;
        do
        {
            var page = await Store.ListAsync(new ArticleQuery { Search = "防汛", Limit = 2, Cursor = cursor }, CancellationToken.None);
            titles.AddRange(page.Items.Select(i => i.Title));
            cursor = page.Next;
        } while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"防汛通知第{i}号"), titles);
    }

    [Fact]
    public async Task A_body_with_characters_outside_the_bmp_at_a_chunk_boundary_round_trips()
    {
        // 𠀋 (U+2000B) is a surrogate pair; put one across the 32K boundary of the body's first property.
        var prose = string.Concat(Enumerable.Range(0, 4000).Select(i => $"第{i}句话讲述了工作的进展。"));
        var body = prose[..(ArticleEntity.BodyChunkChars - 1)] + "𠀋" + prose[..200];
        await IngestAsync("ext-b.txt", Documents.Article("扩展汉字", new DateOnly(2024, 7, 1), body: body));

        var id = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Id;
        Assert.Equal(body, (await Store.FindAsync(id, CancellationToken.None))!.Paragraphs[0]);
    }

    [Fact]
    public async Task Postings_are_in_the_shard_table_of_their_term_and_no_other()
    {
        await IngestAsync("shard.txt", Documents.Article("防汛演练", new DateOnly(2024, 6, 1), body: "全市开展防汛应急演练。"));

        var tables = _host.Service<ContentTables>();
        var holding = new List<int>();
        for (var shard = 0; shard < SearchIndex.ShardCount; shard++)
        {
            await foreach (var _ in tables.SearchShards[shard].QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {SearchIndex.Partition} and RowKey ge {SearchIndex.KeyPrefix("防汛")} and RowKey lt {SearchIndex.KeyPrefix("防汛") + "~"}"), select: ["RowKey"]))
                holding.Add(shard);
        }
        Assert.Equal([SearchIndex.ShardOf("防汛")], holding);
        Assert.Single((await Store.ListAsync(new ArticleQuery { Search = "防汛" }, CancellationToken.None)).Items);
    }

    [Fact]
    public void Terms_spread_over_every_shard_and_keep_their_shard()
    {
        var terms = SearchTerms.ForArticle("各地开展防汛抗旱工作", ["今年以来,全省各级部门认真落实防汛抗旱责任制,加强监测预警,做好物资储备和队伍建设。", "Flood control drills 2024"]);
        var shards = terms.Select(SearchIndex.ShardOf).ToArray();
        Assert.All(shards, s => Assert.InRange(s, 0, SearchIndex.ShardCount - 1));
        Assert.Equal(SearchIndex.ShardCount, shards.Distinct().Count());
        // The same term must land in the same table in every process and on every runtime, or postings written
        // earlier could not be found: these are FNV-1a's values, worked out independently, and must never change.
        Assert.Equal([10, 14, 15, 15], [SearchIndex.ShardOf("防汛"), SearchIndex.ShardOf("人大"), SearchIndex.ShardOf("ai"), SearchIndex.ShardOf("20")]);
    }

    [Fact]
    public void An_article_takes_the_same_lock_blob_in_every_process()
    {
        // Saves of one article on two instances must lease the same blob: FNV-1a again, a value that must never change.
        Assert.Equal("locks/s0847", ArticleLocks.BlobNameFor("a-0123456789abcdef"));
        var stripes = Enumerable.Range(0, 100_000).Select(i => ArticleLocks.BlobNameFor("article" + i)).Distinct().ToArray();
        Assert.Equal(ArticleLocks.StripeCount, stripes.Length);
        Assert.All(stripes, s => Assert.Matches("^locks/s[0-9]{4}$", s));
    }

    [Fact]
    public async Task An_article_indexed_in_the_old_single_table_layout_gets_its_postings_again_when_reparsed()
    {
        await IngestAsync("old.txt", Documents.Article("防汛物资储备", new DateOnly(2024, 6, 2), body: "仓库储备了防汛物资。"));
        var id = Assert.Single((await Store.ListAsync(new(), CancellationToken.None)).Items).Id;
        var tables = _host.Service<ContentTables>();

        // As version 1 left it: no layout on the entity, and no postings in the shard tables.
        var entity = (await tables.Articles.GetEntityAsync<TableEntity>(id, ArticleEntity.RowKey)).Value;
        var rowKey = IndexState.ReadFrom(entity).RowKey!;
        foreach (var term in entity.GetString(IndexState.TermsProperty)!.Split('|'))
            await tables.SearchShardFor(term).DeleteEntityAsync(SearchIndex.Partition, SearchIndex.RowKey(term, rowKey));
        entity.Remove(IndexState.SearchLayoutProperty);
        await tables.Articles.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
        Assert.Empty((await Store.ListAsync(new ArticleQuery { Search = "防汛" }, CancellationToken.None)).Items);

        await IngestAsync("old.txt", Documents.Article("防汛物资储备", new DateOnly(2024, 6, 2), body: "仓库储备了防汛物资。"), new IngestOptions(Reparse: true));

        Assert.Equal(id, Assert.Single((await Store.ListAsync(new ArticleQuery { Search = "防汛" }, CancellationToken.None)).Items).Id);
        Assert.Equal(1, await PostingsAsync("储备"));
    }

    private static string TableKeysFor(DateOnly day) =>
        (DateTime.MaxValue.Ticks - new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + ":zzzzzzzzzzzzz";
}
