using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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
