using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moq;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Functions;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Tests;

public sealed class ListArticlesTests
{
    private readonly Mock<IArticleReads> _store = new(MockBehavior.Strict);
    private static readonly IOptions<JsonOptions> Json = Options.Create(new JsonOptions());
    private static readonly IOptions<ApiOptions> Api = Options.Create(new ApiOptions { MaxQueryLength = 300 });

    private HttpRequest? _lastRequest;

    private HttpRequest Request(string queryString)
    {
        var context = new DefaultHttpContext();
        _lastRequest = context.Request;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("news.example");
        context.Request.Path = "/api/articles";
        context.Request.QueryString = new QueryString(queryString);
        return context.Request;
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?limit=-5", "limit")]
    [InlineData("?limit=1&limit=2", "limit")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?cursor=%27%20or%20PartitionKey%20ne%20%27", "cursor")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2020-13-45", "to")]
    [InlineData("?from=2021-01-02&to=2021-01-01", "from")]
    [InlineData("?category=%00", "category")]
    [InlineData("?fields=id,body", "fields")]
    [InlineData("?q=%E4%BA%BA", "q")]
    [InlineData("?q=%20%2C%E3%80%82", "q")]
    public async Task Bad_parameters_are_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var result = await new ListArticles(_store.Object, Json, Api).Run(Request(query), CancellationToken.None);

        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Contains("application/problem+json", problem.ContentTypes);
        var details = Assert.IsType<ProblemDetails>(problem.Value);
        var errors = Assert.IsAssignableFrom<IDictionary<string, string[]>>(details.Extensions["errors"]);
        Assert.Contains(parameter, errors.Keys);
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_oversized_query_string_is_refused_before_parsing()
    {
        var result = await new ListArticles(_store.Object, Json, Api).Run(Request("?category=" + new string('a', 400)), CancellationToken.None);

        var problem = Assert.IsType<ObjectResult>(result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Contains("query", Assert.IsAssignableFrom<IDictionary<string, string[]>>(Assert.IsType<ProblemDetails>(problem.Value).Extensions["errors"]).Keys);
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Valid_parameters_become_the_query_and_the_page_links_to_the_next()
    {
        ArticleQuery? seen = null;
        Assert.True(ArticleCursor.TryParse(NextCursor(), out var next));
        _store.Setup(s => s.ListAsync(It.IsAny<ArticleQuery>(), It.IsAny<CancellationToken>()))
            .Callback<ArticleQuery, CancellationToken>((q, _) => seen = q)
            .ReturnsAsync(new ArticlePage([new ArticleSummary("aaaaaaaaaaaaa", "标题", null, "来源", ["新闻"], null, "")], next));

        var result = await new ListArticles(_store.Object, Json, Api).Run(Request("?limit=5&category=%E6%96%B0%E9%97%BB&source=x&from=2020-09-01&to=2020-09-30"), CancellationToken.None);

        var ok = Assert.IsType<CachedJsonResult>(result);
        var body = Assert.IsType<ArticleListResponse>(ok.Value);
        Assert.Equal($"<{body.Next}>; rel=\"next\"", _lastRequest!.HttpContext.Response.Headers.Link.ToString());
        Assert.Equal(next!.ToString(), body.NextCursor);
        Assert.StartsWith("https://news.example/api/articles?", body.Next, StringComparison.Ordinal);
        Assert.Contains("cursor=" + Uri.EscapeDataString(body.NextCursor!), body.Next, StringComparison.Ordinal);
        Assert.NotNull(seen);
        Assert.Equal(5, seen.Limit);
        Assert.Equal("新闻", seen.Category);
        Assert.Equal("x", seen.Source);
        Assert.Equal(new DateTimeOffset(2020, 9, 1, 0, 0, 0, TimeSpan.FromHours(8)), seen.From);
        Assert.Equal(new DateTimeOffset(2020, 10, 1, 0, 0, 0, TimeSpan.FromHours(8)), seen.Before); // 'to' is inclusive
    }

    [Fact]
    public async Task Defaults_are_twenty_newest_without_filters()
    {
        ArticleQuery? seen = null;
        _store.Setup(s => s.ListAsync(It.IsAny<ArticleQuery>(), It.IsAny<CancellationToken>()))
            .Callback<ArticleQuery, CancellationToken>((q, _) => seen = q)
            .ReturnsAsync(new ArticlePage([], null));

        var result = await new ListArticles(_store.Object, Json, Api).Run(Request(""), CancellationToken.None);

        var body = Assert.IsType<ArticleListResponse>(Assert.IsType<CachedJsonResult>(result).Value);
        Assert.Empty(body.Items);
        Assert.Null(body.NextCursor);
        Assert.Null(body.Next);
        Assert.Equal(new ArticleQuery(), seen);
    }

    /// <summary>A cursor as the store makes them: base64url of "1:" + a list RowKey.</summary>
    private static string NextCursor() =>
        Convert.ToBase64String("1:2520000000000000000:abcdefghijklm"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
