using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary>
/// <c>DELETE /api/manage/articles/{id}</c>, behind a function key: removes the article from lists, detail, search,
/// feed and counts. Idempotent: deleting an unknown id is a 404, deleting twice is a 404 the second time.
/// Not under <c>admin/</c>: the host refuses any route that begins with <c>admin</c> or <c>runtime</c> (its own).
/// </summary>
public sealed class DeleteArticle(IArticleStore articles)
{
    [Function(nameof(DeleteArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "manage/articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return await articles.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? new NoContentResult()
            : Problems.NotFound($"No article has the id '{id}'.");
    }
}
