using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>A page of the list: the items, the opaque cursor of the next page, and a ready-made link to it.</summary>
public sealed record ArticleListResponse(IReadOnlyList<object> Items, string? NextCursor, string? Next)
{
    /// <summary>This request's URL with the cursor replaced: the next page, in the body and in an RFC 8288 Link header.</summary>
    internal static string NextLink(HttpRequest request, string cursor)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "cursor", cursor },
        };
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }
}
