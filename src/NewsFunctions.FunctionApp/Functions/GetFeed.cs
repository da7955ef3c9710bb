using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary><c>GET /api/feed</c>: RSS 2.0 of the newest articles, optionally of one category or source. One table query.</summary>
public sealed class GetFeed(IArticleReads articles, IOptions<ApiOptions> api)
{
    [Function(nameof(GetFeed))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feed")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        // The list's validation, so limit, category and source mean exactly what they mean there.
        // A feed is always the first page of all dates: cursor, from and to are not used.
        if (!ArticleListParameters.TryParse(request.Query, api.Value.MaxQueryLength, out var parsed, out var errors))
            return Problems.BadRequest(string.Join(" ", errors.Values.SelectMany(e => e)), errors);
        var query = new ArticleQuery { Limit = parsed.Limit, Category = parsed.Category, Source = parsed.Source };

        var page = await articles.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return ArticleFeed.ToResult(ArticleFeed.Build(page.Items, query, request));
    }
}
