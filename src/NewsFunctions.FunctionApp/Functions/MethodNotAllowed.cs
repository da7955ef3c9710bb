using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary>
/// Writes to the read-only API are a 405 problem naming the methods it allows, not a bare 404.
/// The host matches routes in the order of function names (case-insensitive), not by specificity, so a function with a
/// specific write route (DeleteArticle) must sort before this one; FunctionsMetadataTests keeps that true.
/// </summary>
public sealed class MethodNotAllowed
{
    [Function(nameof(MethodNotAllowed))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", "patch", "delete", Route = "{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.Allow = CorsPolicy.AllowedMethods;
        return Problems.MethodNotAllowed($"{request.Method} is not allowed on {request.Path}; the API is read-only ({CorsPolicy.AllowedMethods}).");
    }
}
