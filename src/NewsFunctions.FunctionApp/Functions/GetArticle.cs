using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary><c>GET /api/articles/{id}</c>: the full article, one point read plus the lookups that link its previous and next.</summary>
public sealed class GetArticle(IArticleReads articles)
{
    [Function(nameof(GetArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var article = await articles.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return article is null
            ? Problems.NotFound($"No article has the id '{id}'.")
            : CachedJsonResult.ForArticle(article);
    }
}
