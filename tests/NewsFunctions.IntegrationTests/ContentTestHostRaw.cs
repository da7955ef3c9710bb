using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NewsFunctions.IntegrationTests;

/// <summary>
/// <see cref="ContentTestHost.ExecuteAsync"/> for bodies that are not JSON (the RSS feed). An extension in a file
/// of its own so that ContentTestHost itself is untouched.
/// </summary>
internal static class ContentTestHostRaw
{
    /// <summary>Executes an action result as ASP.NET Core would, and returns the status, content type and the body as text.</summary>
    public static async Task<(int Status, string? ContentType, string Body)> ExecuteRawAsync(this ContentTestHost host, IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await using var scope = host.Host.Services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }
}
