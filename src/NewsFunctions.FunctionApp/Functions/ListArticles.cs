using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary><c>GET /api/articles</c>: newest first, filtered and paged. One table query per page.</summary>
public sealed class ListArticles(IArticleStore articles)
{
    [Function(nameof(ListArticles))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!ArticleListParameters.TryParse(request.Query, out var query, out var errors))
            return Problems.BadRequest(string.Join(" ", errors.Values.SelectMany(e => e)), errors);

        var page = await articles.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return new OkObjectResult(ArticleListResponse.From(page, request));
    }
}
