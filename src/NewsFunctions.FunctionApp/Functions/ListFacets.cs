using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary><c>GET /api/categories</c> and <c>GET /api/sources</c>: what exists, with article counts kept at ingest. One query each.</summary>
public sealed class ListFacets(FacetCounters counters)
{
    [Function("ListCategories")]
    public Task<IActionResult> Categories(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "categories")] HttpRequest request,
        CancellationToken cancellationToken) => ListAsync(FacetKind.Category, cancellationToken);

    [Function("ListSources")]
    public Task<IActionResult> Sources(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sources")] HttpRequest request,
        CancellationToken cancellationToken) => ListAsync(FacetKind.Source, cancellationToken);

    private async Task<IActionResult> ListAsync(FacetKind kind, CancellationToken cancellationToken)
    {
        var counts = await counters.GetAsync(kind, cancellationToken).ConfigureAwait(false);
        return new CachedJsonResult(new FacetListResponse(counts));
    }
}

public sealed record FacetListResponse(IReadOnlyList<FacetCount> Items);
