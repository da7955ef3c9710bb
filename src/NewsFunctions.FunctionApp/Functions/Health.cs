using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary><c>GET /api/health</c>: 200 when storage answers within a few seconds, else 503. Same body either way.</summary>
public sealed class Health(StorageHealthCheck storage)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var health = await storage.CheckAsync(cancellationToken).ConfigureAwait(false);
        // A probe must see the state now, never a cached answer.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(HealthResponse.From(health))
        {
            StatusCode = health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }
}
