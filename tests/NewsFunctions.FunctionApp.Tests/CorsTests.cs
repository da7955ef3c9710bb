using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Moq;
using Microsoft.Extensions.Options;
using NewsFunctions.FunctionApp.Functions;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Tests;

public sealed class CorsTests
{
    private static CorsPolicy Policy(string origins) => new(Options.Create(new ApiOptions { CorsAllowedOrigins = origins }));

    private static HttpRequest Request(string method, string? origin)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = "/api/articles";
        if (origin is not null) context.Request.Headers.Origin = origin;
        return context.Request;
    }

    [Theory]
    [InlineData("https://site.example", "https://site.example", true)]
    [InlineData("https://site.example/", "https://SITE.example", true)]
    [InlineData("https://site.example,https://other.example", "https://other.example", true)]
    [InlineData("https://site.example", "https://evil.example", false)]
    [InlineData("https://site.example", "https://site.example.evil.example", false)]
    [InlineData("", "https://site.example", false)]
    [InlineData("*", "https://anyone.example", true)]
    public void Only_configured_origins_are_allowed(string configured, string origin, bool allowed) =>
        Assert.Equal(allowed, Policy(configured).IsAllowed(origin));

    [Fact]
    public void A_preflight_from_an_allowed_origin_is_answered_with_the_cors_headers()
    {
        var request = Request("OPTIONS", "https://site.example");
        request.Headers.AccessControlRequestMethod = "GET";

        var result = new Preflight(Policy("https://site.example")).Run(request);

        Assert.IsType<NoContentResult>(result);
        var headers = request.HttpContext.Response.Headers;
        Assert.Equal("https://site.example", headers.AccessControlAllowOrigin.ToString());
        Assert.Contains("GET", headers.AccessControlAllowMethods.ToString(), StringComparison.Ordinal);
        Assert.Contains("If-None-Match", headers.AccessControlAllowHeaders.ToString(), StringComparison.Ordinal);
        Assert.Equal("Origin", headers.Vary.ToString());
    }

    /// <summary>The host runs the worker middleware before every HTTP function, the preflight included.</summary>
    private static async Task<IActionResult> ThroughMiddlewareAsync(CorsPolicy policy, HttpRequest request, Func<IActionResult> function)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = request.HttpContext });
        IActionResult? result = null;
        await new HttpHeadersMiddleware(policy).Invoke(context.Object, _ =>
        {
            result = function();
            return Task.CompletedTask;
        });
        return result!;
    }

    [Theory]
    [InlineData("https://site.example")]
    [InlineData("https://evil.example")]
    [InlineData(null)]
    public async Task A_preflight_through_the_middleware_varies_by_origin_once(string? origin)
    {
        var policy = Policy("https://site.example");
        var request = Request("OPTIONS", origin);
        request.Headers.AccessControlRequestMethod = "GET";

        Assert.IsType<NoContentResult>(await ThroughMiddlewareAsync(policy, request, () => new Preflight(policy).Run(request)));

        var vary = request.HttpContext.Response.Headers.Vary;
        Assert.Equal("Origin", Assert.Single(vary));
        Assert.Equal(origin == "https://site.example" ? 1 : 0, request.HttpContext.Response.Headers.AccessControlAllowOrigin.Count);
    }

    [Fact]
    public void Vary_keeps_what_was_there_and_adds_origin_once()
    {
        var request = Request("GET", "https://site.example");
        request.HttpContext.Response.Headers.Vary = "Accept-Encoding";
        var policy = Policy("https://site.example");

        policy.ApplyToResponse(request, request.HttpContext.Response);
        policy.ApplyToResponse(request, request.HttpContext.Response);

        Assert.Equal("Accept-Encoding,Origin", string.Join(",", request.HttpContext.Response.Headers.Vary.ToArray()));
    }

    [Fact]
    public void A_preflight_from_another_origin_gets_no_cors_headers()
    {
        var request = Request("OPTIONS", "https://evil.example");

        new Preflight(Policy("https://site.example")).Run(request);

        Assert.Equal(0, request.HttpContext.Response.Headers.AccessControlAllowOrigin.Count);
        Assert.Equal(0, request.HttpContext.Response.Headers.AccessControlAllowMethods.Count);
    }

    [Fact]
    public void A_write_is_a_405_problem_with_allow()
    {
        var request = Request("POST", null);

        var result = Assert.IsType<ObjectResult>(new MethodNotAllowed().Run(request));

        Assert.Equal(405, result.StatusCode);
        Assert.Contains("application/problem+json", result.ContentTypes);
        Assert.Equal(CorsPolicy.AllowedMethods, request.HttpContext.Response.Headers.Allow.ToString());
    }
}
