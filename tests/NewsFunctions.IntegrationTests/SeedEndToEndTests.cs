using System.Text.Json;
using NewsFunctions.Content.Documents;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.IntegrationTests;

/// <summary>The seed document uploaded as a blob, ingested by the blob function, served by the HTTP functions.</summary>
public sealed class SeedEndToEndTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_seed_becomes_an_article_the_api_lists_and_serves()
    {
        await _host.UploadAndTriggerAsync("000_81ac17763b65a3e7.txt", Documents.Seed());

        var listRequest = ContentTestHost.Get("/api/articles");
        var (status, contentType, list) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(listRequest, CancellationToken.None), listRequest);
        Assert.Equal(200, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("周勤第调研人大工作", item.GetProperty("title").GetString());
        Assert.Equal("2020-09-23T00:00:00+08:00", item.GetProperty("publishedAt").GetString());
        Assert.Equal("常熟市人民政府", item.GetProperty("source").GetString());
        Assert.False(item.TryGetProperty("paragraphs", out _), "lists never carry bodies");
        Assert.Equal(JsonValueKind.Null, list.GetProperty("nextCursor").ValueKind);

        var id = item.GetProperty("id").GetString()!;
        Assert.Matches("^[a-z2-7]{13}$", id);
        var getRequest = ContentTestHost.Get($"/api/articles/{id}");
        var (detailStatus, _, article) = await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(getRequest, id, CancellationToken.None), getRequest);
        Assert.Equal(200, detailStatus);
        Assert.Equal("周勤第调研人大工作", article.GetProperty("title").GetString());
        Assert.Equal(["首页", "开发区新闻", "文字新闻"], article.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(7, article.GetProperty("paragraphs").GetArrayLength());
        Assert.Equal("投促中国", article.GetProperty("siteName").GetString());
        Assert.Equal("加速释放网络消费新动能 昆承湖互联网创新创业大会常熟举行", article.GetProperty("previous").GetProperty("title").GetString());
        Assert.Equal("常福街道多措并举开展《江苏省促进政务服务便利化条例》宣贯活动", article.GetProperty("next").GetProperty("title").GetString());
        var provenance = article.GetProperty("provenance");
        Assert.Equal("000_81ac17763b65a3e7.txt", provenance.GetProperty("blobName").GetString());
        Assert.False(string.IsNullOrEmpty(provenance.GetProperty("eTag").GetString()));
        Assert.Equal(64, provenance.GetProperty("contentHash").GetString()!.Length);
        Assert.Equal(NewsFunctions.Parsing.DocumentParser.Version, provenance.GetProperty("parserVersion").GetString());
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var request = ContentTestHost.Get("/api/articles/aaaaaaaaaaaaa");
        var (status, contentType, problem) = await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(request, "aaaaaaaaaaaaa", CancellationToken.None), request);
        Assert.Equal(404, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_bad_parameter_is_a_400_problem_json()
    {
        var request = ContentTestHost.Get("/api/articles", "?limit=1000");
        var (status, contentType, problem) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
        Assert.Equal(400, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task A_document_that_cannot_be_parsed_is_recorded_and_stores_nothing()
    {
        await _host.UploadAndTriggerAsync("broken/empty.txt", "   \n  "u8.ToArray());
        await _host.UploadAndTriggerAsync("broken/binary.bin", [0, 1, 2, 0, 255, 254, 0, 7]);

        var failures = new List<DocumentRecord>();
        await foreach (var record in _host.Service<DocumentLedger>().GetFailuresAsync(CancellationToken.None))
            failures.Add(record);
        Assert.Equal(["broken/binary.bin", "broken/empty.txt"], failures.Select(f => f.BlobName).Order(StringComparer.Ordinal));
        Assert.Equal(["Binary", "Empty"], failures.Select(f => f.Reason).Order(StringComparer.Ordinal));
        Assert.All(failures, f => Assert.False(string.IsNullOrEmpty(f.Detail)));

        var page = await _host.Service<NewsFunctions.Content.Articles.IArticleStore>().ListAsync(new(), CancellationToken.None);
        Assert.Empty(page.Items);
    }
}
