using System.Text.Json;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.IntegrationTests;

/// <summary>Previous and next link the stored articles they name, looked up when the detail is read (the host's memory cache on, as deployed).</summary>
public sealed class NeighbourLinkTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<string> IngestAsync(string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        var result = await _host.Service<IDocumentIngestion>().IngestAsync(new(_host.Documents.Name, name), stream, CancellationToken.None);
        Assert.Equal(IngestionStatus.Stored, result.Status);
        return result.ArticleId!;
    }

    private async Task<JsonElement> DetailAsync(string id)
    {
        var request = ContentTestHost.Get($"/api/articles/{id}");
        var (status, _, body) = await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(request, id, CancellationToken.None), request);
        Assert.Equal(200, status);
        return body;
    }

    private static string? Text(JsonElement link, string property) => link.GetProperty(property).GetString();

    [Fact]
    public async Task Two_stored_articles_that_name_each_other_are_linked_both_ways()
    {
        var first = await IngestAsync("a.txt", Documents.Article("新区开通夜间公交线路", new DateOnly(2023, 3, 15), previous: "一篇没有收录的文章", next: "河畔公园樱花进入盛花期"));
        var second = await IngestAsync("b.txt", Documents.Article("河畔公园樱花进入盛花期", new DateOnly(2023, 3, 16), previous: "新区开通夜间公交线路", next: null));

        var a = await DetailAsync(first);
        var b = await DetailAsync(second);

        var next = a.GetProperty("next");
        Assert.Equal("河畔公园樱花进入盛花期", Text(next, "title"));
        Assert.Equal(second, Text(next, "id"));
        Assert.Equal(b.GetProperty("slug").GetString(), Text(next, "slug"));
        Assert.Equal(JsonValueKind.Null, next.GetProperty("url").ValueKind);
        Assert.Equal(first, Text(b.GetProperty("previous"), "id"));
        Assert.Equal(a.GetProperty("slug").GetString(), Text(b.GetProperty("previous"), "slug"));
        Assert.Equal(JsonValueKind.Null, b.GetProperty("next").ValueKind);

        // Not stored: the title stays, id and slug are there as nulls.
        var previous = a.GetProperty("previous");
        Assert.Equal("一篇没有收录的文章", Text(previous, "title"));
        Assert.Equal(JsonValueKind.Null, previous.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Null, previous.GetProperty("slug").ValueKind);
    }

    [Fact]
    public async Task A_neighbour_stored_later_is_linked_from_then_on()
    {
        var first = await IngestAsync("a.txt", Documents.Article("老城区改造项目启动", new DateOnly(2023, 4, 1), next: "地铁三号线最新进展"));
        Assert.Equal(JsonValueKind.Null, (await DetailAsync(first)).GetProperty("next").GetProperty("id").ValueKind);

        // The first article is not written again: its detail (kept in memory a moment ago) links the newcomer.
        var second = await IngestAsync("b.txt", Documents.Article("地铁三号线最新进展", new DateOnly(2023, 4, 2)));

        Assert.Equal(second, Text((await DetailAsync(first)).GetProperty("next"), "id"));
        var stored = await _host.Service<IArticleStore>().FindAsync(first, linkNeighbours: true, CancellationToken.None);
        Assert.Equal(second, stored!.Next!.Id);
    }

    [Fact]
    public async Task A_deleted_neighbour_is_not_linked_any_more()
    {
        var first = await IngestAsync("a.txt", Documents.Article("全市春季运动会开幕", new DateOnly(2023, 5, 1), next: "周末天气晴好适宜出游"));
        var second = await IngestAsync("b.txt", Documents.Article("周末天气晴好适宜出游", new DateOnly(2023, 5, 2)));
        Assert.Equal(second, Text((await DetailAsync(first)).GetProperty("next"), "id"));

        var delete = ContentTestHost.Get($"/api/admin/articles/{second}");
        await _host.Function<DeleteArticle>().Run(delete, second, CancellationToken.None);

        var next = (await DetailAsync(first)).GetProperty("next");
        Assert.Equal("周末天气晴好适宜出游", Text(next, "title"));
        Assert.Equal(JsonValueKind.Null, next.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Null, next.GetProperty("slug").ValueKind);
    }

    [Fact]
    public async Task Of_several_articles_with_the_named_title_the_nearest_in_time_is_linked_the_newer_on_a_tie()
    {
        const string Recurring = "例行新闻发布会";
        var article = await IngestAsync("a.txt", Documents.Article("第一季度经济运行情况", new DateOnly(2023, 6, 10), previous: Recurring, next: Recurring));
        var far = await IngestAsync("far.txt", Documents.Article(Recurring, new DateOnly(2021, 1, 5)));
        Assert.Equal(far, Text((await DetailAsync(article)).GetProperty("previous"), "id"));

        var before = await IngestAsync("before.txt", Documents.Article(Recurring, new DateOnly(2023, 6, 8)));
        Assert.Equal(before, Text((await DetailAsync(article)).GetProperty("previous"), "id"));

        // Two days after is as near as two days before: the newer wins.
        var after = await IngestAsync("after.txt", Documents.Article(Recurring, new DateOnly(2023, 6, 12)));
        var detail = await DetailAsync(article);
        Assert.Equal(after, Text(detail.GetProperty("previous"), "id"));
        Assert.Equal(after, Text(detail.GetProperty("next"), "id"));
        Assert.Equal(3, new[] { far, before, after }.Distinct().Count());
    }

    [Fact]
    public async Task A_title_names_an_article_of_the_same_site_only()
    {
        var article = await IngestAsync("a.txt", Documents.Article("新区图书馆延长开放时间", new DateOnly(2023, 7, 1), next: "全市开展消防安全检查"));
        await IngestAsync("other-site.txt", Documents.Article("全市开展消防安全检查", new DateOnly(2023, 7, 2), site: "另一个网站"));

        Assert.Equal(JsonValueKind.Null, (await DetailAsync(article)).GetProperty("next").GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task A_link_with_a_url_finds_the_article_of_that_canonical_url_whatever_its_text()
    {
        const string FirstUrl = "https://news.example.cn/local/2023/0315/1001.html";
        const string SecondUrl = "https://news.example.cn/local/2023/0316/1002.html";
        // The link's text is cut short, as sites do with long titles: only the URL can find it.
        var first = await IngestAsync("a.html", Documents.Html("河畔新区开通首条夜间公交线路", new DateOnly(2023, 3, 15), FirstUrl,
            previous: null, next: ("河畔公园樱花进入…", "/local/2023/0316/1002.html")));
        var second = await IngestAsync("b.html", Documents.Html("河畔公园樱花进入盛花期", new DateOnly(2023, 3, 16), SecondUrl,
            previous: ("河畔新区开通首条夜间公交线路", FirstUrl + "#top"), next: null));

        var next = (await DetailAsync(first)).GetProperty("next");
        Assert.Equal("河畔公园樱花进入…", Text(next, "title"));
        Assert.Equal(SecondUrl, Text(next, "url"));
        Assert.Equal(second, Text(next, "id"));
        Assert.EndsWith("-" + second, Text(next, "slug"), StringComparison.Ordinal);
        Assert.StartsWith("河畔公园樱花进入盛花期", Text(next, "slug"), StringComparison.Ordinal);
        Assert.Equal(first, Text((await DetailAsync(second)).GetProperty("previous"), "id"));
    }

    [Fact]
    public async Task A_link_whose_url_names_no_canonical_url_falls_back_to_its_title()
    {
        // The neighbour declares no canonical URL, so its id is not the URL's: the title finds it.
        var second = await IngestAsync("b.html", Documents.Html("河畔公园樱花进入盛花期", new DateOnly(2023, 3, 16), canonicalUrl: null, previous: null, next: null));
        var first = await IngestAsync("a.html", Documents.Html("河畔新区开通首条夜间公交线路", new DateOnly(2023, 3, 15), "https://news.example.cn/local/1001.html",
            previous: null, next: ("河畔公园樱花进入盛花期", "/local/1002.html")));

        var next = (await DetailAsync(first)).GetProperty("next");
        Assert.Equal("https://news.example.cn/local/1002.html", Text(next, "url"));
        Assert.Equal(second, Text(next, "id"));
    }
}
