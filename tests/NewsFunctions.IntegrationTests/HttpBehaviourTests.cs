using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Moq;
using NewsFunctions.FunctionApp.Functions;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.IntegrationTests;

/// <summary>Caching, slugs, fields and cross-origin calls, over articles stored in Azurite.</summary>
public sealed class HttpBehaviourTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await _host.UploadAndTriggerAsync("seed.txt", Documents.Seed());
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<string> SeedId()
    {
        var page = await _host.Service<NewsFunctions.Content.Articles.IArticleStore>().ListAsync(new(), CancellationToken.None);
        return Assert.Single(page.Items).Id;
    }

    [Fact]
    public async Task A_detail_has_an_etag_and_if_none_match_gives_304()
    {
        var id = await SeedId();
        var first = ContentTestHost.Get($"/api/articles/{id}");
        var (status, _, _) = await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(first, id, CancellationToken.None), first);
        var headers = first.HttpContext.Response.Headers;
        Assert.Equal(200, status);
        Assert.Equal("public, max-age=120", headers.CacheControl.ToString());
        // The seed names a previous and a next article: their arrival or deletion changes the detail with no date
        // to tell, so only the ETag validates it.
        Assert.True(string.IsNullOrEmpty(headers.LastModified.ToString()));
        var etag = headers.ETag.ToString();
        Assert.StartsWith("\"", etag, StringComparison.Ordinal);

        var again = ContentTestHost.Get($"/api/articles/{id}", ifNoneMatch: etag);
        var (notModified, _, empty) = await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(again, id, CancellationToken.None), again);
        Assert.Equal(304, notModified);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.ValueKind); // no body
        Assert.Equal(etag, again.HttpContext.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task A_detail_without_neighbours_has_last_modified_and_if_modified_since_gives_304()
    {
        await _host.UploadAndTriggerAsync("alone.txt", Documents.Article("没有上下篇的文章", new DateOnly(2024, 5, 2), category: "独立栏目", previous: null, next: null));
        var id = (await _host.Service<NewsFunctions.Content.Articles.IArticleStore>().ListAsync(new() { Category = "独立栏目", Limit = 1 }, CancellationToken.None)).Items[0].Id;
        var first = ContentTestHost.Get($"/api/articles/{id}");
        await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(first, id, CancellationToken.None), first);
        var lastModified = first.HttpContext.Response.Headers.LastModified.ToString();
        Assert.False(string.IsNullOrEmpty(lastModified));

        var again = ContentTestHost.Get($"/api/articles/{id}");
        again.Headers.IfModifiedSince = lastModified;
        var (status, _, _) = await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(again, id, CancellationToken.None), again);
        Assert.Equal(304, status);
    }

    [Fact]
    public async Task From_memory_a_response_is_the_same_bytes_and_etag_as_from_storage()
    {
        var id = await SeedId();
        foreach (var (path, query) in new[] { ($"/api/articles/{id}", ""), ("/api/articles", "?limit=5"), ("/api/feed", "") })
        {
            var responses = new List<(string Body, string ETag)>();
            for (var i = 0; i < 2; i++)
            {
                var request = ContentTestHost.Get(path, query);
                IActionResult result = path switch
                {
                    "/api/articles" => await _host.Function<ListArticles>().Run(request, CancellationToken.None),
                    "/api/feed" => await _host.Function<GetFeed>().Run(request, CancellationToken.None),
                    _ => await _host.Function<GetArticle>().Run(request, id, CancellationToken.None),
                };
                var (_, _, body) = await _host.ExecuteRawAsync(result, request);
                responses.Add((body, request.HttpContext.Response.Headers.ETag.ToString()));
            }
            // The first came from storage (and was kept), the second from memory.
            Assert.Equal(responses[0], responses[1]);
        }
    }

    [Fact]
    public async Task A_list_has_an_etag_that_changes_when_the_content_does()
    {
        var request = ContentTestHost.Get("/api/articles");
        await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
        var before = request.HttpContext.Response.Headers.ETag.ToString();

        await _host.UploadAndTriggerAsync("other.txt", Documents.Article("另一篇", new DateOnly(2024, 5, 1)));
        var conditional = ContentTestHost.Get("/api/articles", ifNoneMatch: before);
        var (status, _, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(conditional, CancellationToken.None), conditional);

        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("items").GetArrayLength());
        Assert.NotEqual(before, conditional.HttpContext.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task An_article_is_found_by_its_slug()
    {
        var id = await SeedId();
        var detail = ContentTestHost.Get($"/api/articles/{id}");
        var (_, _, article) = await _host.ExecuteAsync(await _host.Function<GetArticle>().Run(detail, id, CancellationToken.None), detail);
        var slug = article.GetProperty("slug").GetString()!;
        Assert.Equal("周勤第调研人大工作-" + id, slug);

        var bySlug = ContentTestHost.Get($"/api/articles/by-slug/{slug}");
        var (status, _, found) = await _host.ExecuteAsync(await _host.Function<GetArticleBySlug>().Run(bySlug, slug, CancellationToken.None), bySlug);
        Assert.Equal(200, status);
        Assert.Equal(id, found.GetProperty("id").GetString());

        var unknown = ContentTestHost.Get("/api/articles/by-slug/no-such-article");
        var (missing, contentType, _) = await _host.ExecuteAsync(await _host.Function<GetArticleBySlug>().Run(unknown, "no-such-article", CancellationToken.None), unknown);
        Assert.Equal(404, missing);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_choose_the_properties_of_list_items()
    {
        var request = ContentTestHost.Get("/api/articles", "?fields=id,title");
        var (status, _, body) = await _host.ExecuteAsync(await _host.Function<ListArticles>().Run(request, CancellationToken.None), request);
        Assert.Equal(200, status);
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(["id", "title"], item.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_page_on_another_origin_can_preflight_and_then_read_the_list()
    {
        const string origin = "https://site.example";
        var preflight = ContentTestHost.Get("/api/articles", origin: origin);
        preflight.Method = "OPTIONS";
        preflight.Headers.AccessControlRequestMethod = "GET";
        preflight.Headers.AccessControlRequestHeaders = "if-none-match";
        var answer = _host.Function<Preflight>().Run(preflight);
        Assert.IsType<NoContentResult>(answer);
        Assert.Equal(origin, preflight.HttpContext.Response.Headers.AccessControlAllowOrigin.ToString());
        Assert.Contains("GET", preflight.HttpContext.Response.Headers.AccessControlAllowMethods.ToString(), StringComparison.Ordinal);

        // The actual request goes through the worker middleware, as the host runs it.
        var request = ContentTestHost.Get("/api/articles", origin: origin);
        var (status, _, body) = await ListThroughMiddlewareAsync(request);

        Assert.Equal(200, status);
        Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(origin, request.HttpContext.Response.Headers.AccessControlAllowOrigin.ToString());
        Assert.Contains("ETag", request.HttpContext.Response.Headers.AccessControlExposeHeaders.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_get_from_an_origin_not_allowed_gets_no_cors_headers()
    {
        // A GET needs no preflight: the browser sends it and refuses the answer only if it lacks Allow-Origin.
        var request = ContentTestHost.Get("/api/articles", origin: "https://evil.example");
        var (status, _, _) = await ListThroughMiddlewareAsync(request);

        Assert.Equal(200, status);
        var headers = request.HttpContext.Response.Headers;
        Assert.Equal(0, headers.AccessControlAllowOrigin.Count);
        Assert.Equal(0, headers.AccessControlExposeHeaders.Count);
        Assert.Equal("Origin", Assert.Single(headers.Vary)); // so a shared cache never serves one origin's answer to another
    }

    private async Task<(int Status, string? ContentType, System.Text.Json.JsonElement Body)> ListThroughMiddlewareAsync(HttpRequest request)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = request.HttpContext });
        IActionResult? result = null;
        var middleware = ActivatorUtilitiesFor<IFunctionsWorkerMiddleware>("NewsFunctions.FunctionApp.Http.HttpHeadersMiddleware");
        await middleware.Invoke(context.Object, async _ => result = await _host.Function<ListArticles>().Run(request, CancellationToken.None));
        return await _host.ExecuteAsync(result!, request);
    }

    private T ActivatorUtilitiesFor<T>(string typeName) =>
        (T)Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(_host.Host.Services, typeof(CorsPolicy).Assembly.GetType(typeName, throwOnError: true)!);
}
