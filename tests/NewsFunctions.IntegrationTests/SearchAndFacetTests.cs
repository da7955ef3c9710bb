using Azure.Data.Tables;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.IntegrationTests;

/// <summary>Search through the bigram index, and category/source counts kept at ingest.</summary>
public sealed class SearchAndFacetTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await IngestAsync("seed.txt", Documents.Seed());
        await IngestAsync("a.txt", Documents.Article("新能源汽车产业发展大会召开", new DateOnly(2021, 5, 1), category: "经济", source: "发改委",
            body: "会议讨论了新能源汽车和人工智能的融合发展。"));
        await IngestAsync("b.txt", Documents.Article("人工智能赋能制造业", new DateOnly(2021, 6, 1), category: "科技", source: "发改委",
            body: "AI technology 与制造业深度融合。"));
        await IngestAsync("c.txt", Documents.Article("春季招聘会举行", new DateOnly(2021, 7, 1), category: "经济", source: "人社局"));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task IngestAsync(string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        var result = await _host.Service<IDocumentIngestion>().IngestAsync(new(_host.Documents.Name, name), stream, CancellationToken.None);
        Assert.Equal(IngestionStatus.Stored, result.Status);
    }

    private async Task<string[]> SearchTitles(string q, string? category = null, int limit = 20)
    {
        var page = await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Search = q, Category = category, Limit = limit }, CancellationToken.None);
        return page.Items.Select(i => i.Title).ToArray();
    }

    [Fact]
    public async Task A_two_character_chinese_word_finds_titles_and_bodies_newest_first()
    {
        Assert.Equal(["人工智能赋能制造业", "新能源汽车产业发展大会召开"], await SearchTitles("智能"));
        Assert.Equal(["周勤第调研人大工作"], await SearchTitles("人大"));
        Assert.Equal(["周勤第调研人大工作"], await SearchTitles("代表联络站"));
    }

    [Fact]
    public async Task Several_words_must_all_match_and_latin_words_are_case_insensitive()
    {
        Assert.Equal(["人工智能赋能制造业"], await SearchTitles("人工智能 制造业"));
        Assert.Equal(["人工智能赋能制造业"], await SearchTitles("technology"));
        Assert.Empty(await SearchTitles("量子计算"));
    }

    [Fact]
    public async Task Search_combines_with_filters_and_pages()
    {
        Assert.Equal(["新能源汽车产业发展大会召开"], await SearchTitles("智能", category: "经济"));

        var first = await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Search = "智能", Limit = 1 }, CancellationToken.None);
        Assert.Equal("人工智能赋能制造业", Assert.Single(first.Items).Title);
        Assert.NotNull(first.Next);
        var second = await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Search = "智能", Limit = 1, Cursor = first.Next }, CancellationToken.None);
        Assert.Equal("新能源汽车产业发展大会召开", Assert.Single(second.Items).Title);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task An_updated_article_is_found_by_its_new_words_only()
    {
        await IngestAsync("c.txt", Documents.Article("春季招聘会举行", new DateOnly(2021, 7, 1), category: "经济", source: "人社局", body: "今年的招聘会聚焦量子计算人才。"));
        Assert.Equal(["春季招聘会举行"], await SearchTitles("量子计算"));
        Assert.Empty(await SearchTitles("讲述了会议"));
    }

    [Fact]
    public async Task The_search_endpoint_answers_json()
    {
        var request = ContentTestHost.Get("/api/articles", "?q=" + Uri.EscapeDataString("人大"));
        var (status, _, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
        Assert.Equal(200, status);
        Assert.Equal("周勤第调研人大工作", Assert.Single(body.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Categories_and_sources_are_listed_with_their_counts()
    {
        var categoriesRequest = ContentTestHost.Get("/api/categories");
        var (status, _, categories) = await _host.ExecuteAsync(await _host.Function<ListFacets>().Categories(categoriesRequest, CancellationToken.None), categoriesRequest);
        Assert.Equal(200, status);
        var counts = categories.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("count").GetInt64());
        Assert.Equal(4, counts["文字新闻"]);
        Assert.Equal(2, counts["经济"]);
        Assert.Equal(1, counts["科技"]);
        Assert.Equal(1, counts["开发区新闻"]);
        Assert.False(counts.ContainsKey("首页"));

        var sources = await _host.Service<FacetCounters>().GetAsync(FacetKind.Source, CancellationToken.None);
        Assert.Equal([new FacetCount("发改委", 2), new FacetCount("人社局", 1), new FacetCount("常熟市人民政府", 1)], sources);
    }

    [Fact]
    public async Task Counts_follow_updates_and_deletes()
    {
        await IngestAsync("c.txt", Documents.Article("春季招聘会举行", new DateOnly(2021, 7, 1), category: "民生", source: "人社局"));
        var store = _host.Service<IArticleStore>();
        var seed = Assert.Single((await store.ListAsync(new ArticleQuery { Search = "人大" }, CancellationToken.None)).Items);
        await store.DeleteAsync(seed.Id, CancellationToken.None);

        var categories = (await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None)).ToDictionary(c => c.Name, c => c.Count);
        Assert.Equal(1, categories["经济"]);
        Assert.Equal(1, categories["民生"]);
        Assert.Equal(3, categories["文字新闻"]);
        Assert.False(categories.ContainsKey("开发区新闻"));
        Assert.Empty(await SearchTitles("人大"));
        Assert.Null(await store.FindAsync(seed.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_count_is_the_sum_of_its_counter_rows_including_the_single_row_layout_before_them()
    {
        // A counter written by the layout before shards (one row per name), and shards that went below zero (an
        // article uncounted on another shard than it was counted on): only the sum means anything.
        var tables = _host.Service<ContentTables>();
        await tables.Facets.AddEntityAsync(new TableEntity("Category", "n|经济") { ["Name"] = "经济", ["Count"] = 5L });
        await tables.Facets.AddEntityAsync(new TableEntity("Category", FacetCounters.CounterKey(0, "空栏目")) { ["Name"] = "空栏目", ["Count"] = 1L });
        await tables.Facets.AddEntityAsync(new TableEntity("Category", FacetCounters.CounterKey(1, "空栏目")) { ["Name"] = "空栏目", ["Count"] = -1L });
        await tables.Facets.AddEntityAsync(new TableEntity("Category", FacetCounters.CounterKey(2, "负栏目")) { ["Name"] = "负栏目", ["Count"] = -1L });

        var categories = (await _host.Service<FacetCounters>().GetAsync(FacetKind.Category, CancellationToken.None)).ToDictionary(c => c.Name, c => c.Count);
        Assert.Equal(2 + 5, categories["经济"]);
        Assert.False(categories.ContainsKey("空栏目"), "a sum of 0 is not listed");
        Assert.False(categories.ContainsKey("负栏目"), "nor is a sum below 0");
    }

    [Fact]
    public async Task Counting_an_article_twice_or_uncounting_one_never_counted_changes_no_count()
    {
        // Two facets of one kind go in one transaction; when a membership is already there (or not there), that
        // transaction fails as a whole and each facet is settled on its own.
        var counters = _host.Service<FacetCounters>();
        (FacetKind, string)[] twoCategories = [(FacetKind.Category, "甲栏目"), (FacetKind.Category, "乙栏目")];
        await counters.CountAsync("x-article", twoCategories, CancellationToken.None);
        await counters.CountAsync("x-article", [(FacetKind.Category, "甲栏目"), (FacetKind.Category, "乙栏目"), (FacetKind.Category, "丙栏目")], CancellationToken.None);
        await counters.CountAsync("x-article", twoCategories, CancellationToken.None);
        await counters.UncountAsync("never-counted", twoCategories, CancellationToken.None);

        var categories = (await counters.GetAsync(FacetKind.Category, CancellationToken.None)).ToDictionary(c => c.Name, c => c.Count);
        Assert.Equal(1, categories["甲栏目"]);
        Assert.Equal(1, categories["乙栏目"]);
        Assert.Equal(1, categories["丙栏目"]);

        await counters.UncountAsync("x-article", [(FacetKind.Category, "甲栏目"), (FacetKind.Category, "丙栏目")], CancellationToken.None);
        await counters.UncountAsync("x-article", [(FacetKind.Category, "甲栏目"), (FacetKind.Category, "丙栏目")], CancellationToken.None);
        categories = (await counters.GetAsync(FacetKind.Category, CancellationToken.None)).ToDictionary(c => c.Name, c => c.Count);
        Assert.False(categories.ContainsKey("甲栏目"));
        Assert.False(categories.ContainsKey("丙栏目"));
        Assert.Equal(1, categories["乙栏目"]);
    }

    [Fact]
    public async Task Many_articles_saved_at_once_in_one_category_and_source_are_each_counted_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => IngestAsync($"busy{i}.txt",
            Documents.Article($"第{i}次同时保存的稿件", new DateOnly(2022, 1, 1).AddDays(i), category: "繁忙栏目", source: "繁忙来源"))));

        var counters = _host.Service<FacetCounters>();
        Assert.Equal(16, (await counters.GetAsync(FacetKind.Category, CancellationToken.None)).Single(c => c.Name == "繁忙栏目").Count);
        Assert.Equal(16, (await counters.GetAsync(FacetKind.Source, CancellationToken.None)).Single(c => c.Name == "繁忙来源").Count);
        Assert.Equal(16, (await _host.Service<IArticleStore>().ListAsync(new ArticleQuery { Category = "繁忙栏目", Limit = 100 }, CancellationToken.None)).Items.Count);
    }
}
