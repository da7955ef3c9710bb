using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary><c>GET /api/articles</c>: newest first, filtered and paged. One table query per page.</summary>
public sealed class ListArticles(IArticleReads articles, IOptions<JsonOptions> json, IOptions<ApiOptions> api)
{
    [Function(nameof(ListArticles))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ArticleListParameters.TryParse(request.Query, api.Value.MaxQueryLength, out var query, out var errors))
            return Problems.BadRequest(string.Join(" ", errors.Values.SelectMany(e => e)), errors);
        if (!ArticleFields.TryParse(request.Query["fields"], out var fields, out var fieldsError))
            return Problems.BadRequest(fieldsError, new Dictionary<string, string[]> { ["fields"] = [fieldsError] });

        var page = await articles.ListAsync(query, cancellationToken).ConfigureAwait(false);
        var cursor = page.Next?.ToString();
        var next = cursor is null ? null : ArticleListResponse.NextLink(request, cursor);
        if (next is not null)
            request.HttpContext.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        var items = ArticleFields.Project(page.Items, fields, json.Value.JsonSerializerOptions);
        return new CachedJsonResult(new ArticleListResponse(items, cursor, next));
    }
}
