using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary><c>OPTIONS /api/*</c>: answers browsers' CORS preflight for every route of the API.</summary>
public sealed class Preflight(CorsPolicy cors)
{
    [Function(nameof(Preflight))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        cors.ApplyToPreflight(request, request.HttpContext.Response);
        request.HttpContext.Response.Headers.Allow = CorsPolicy.AllowedMethods;
        return new NoContentResult();
    }
}
