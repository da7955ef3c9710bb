using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using NewsFunctions.Content.Articles;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>A page of the list: the items, the opaque cursor of the next page, and a ready-made link to it.</summary>
public sealed record ArticleListResponse(IReadOnlyList<ArticleSummary> Items, string? NextCursor, string? Next)
{
    internal static ArticleListResponse From(ArticlePage page, HttpRequest request)
    {
        var cursor = page.Next?.ToString();
        return new ArticleListResponse(page.Items, cursor, cursor is null ? null : NextLink(request, cursor));
    }

    private static string NextLink(HttpRequest request, string cursor)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "cursor", cursor },
        };
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }
}
