using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary><c>GET /api/articles/by-slug/{slug}</c>: the article whose id ends the slug, read as <see cref="GetArticle"/> reads it.</summary>
public sealed class GetArticleBySlug(IArticleReads articles)
{
    [Function(nameof(GetArticleBySlug))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles/by-slug/{slug}")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var article = ArticleSlug.IdOf(slug) is { } id ? await articles.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return article is null
            ? Problems.NotFound($"No article has the slug '{slug}'.")
            : CachedJsonResult.ForArticle(article);
    }
}
