using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsFunctions.FunctionApp.Functions;
using NewsFunctions.FunctionApp.Http;
using NewsFunctions.IntegrationTests;

namespace NewsFunctions.BrowserTests;

/// <summary>
/// The API on its own origin (Kestrel on 127.0.0.1, a free port): each route creates the real function class from
/// the real worker host's services and calls it with the request, inside the app's own HttpHeadersMiddleware (CORS),
/// then executes its IActionResult with the worker host's services, as the ASP.NET Core integration does. No canned JSON.
/// Routes as in functions.metadata, under the host's default "api" prefix.
/// </summary>
internal sealed class FunctionApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionApi(WebApplication app, Uri address)
    {
        _app = app;
        BaseUrl = new Uri(address, "/api");
    }

    /// <summary>http://127.0.0.1:port/api, as a site's api attribute names it.</summary>
    public Uri BaseUrl { get; }

    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    public static async Task<FunctionApi> StartAsync(ContentTestHost host, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapGet("/api/articles", Route(host, (r, ct) => host.Function<ListArticles>().Run(r, ct)));
        app.MapGet("/api/articles/by-slug/{slug}", Route(host, (r, ct) => host.Function<GetArticleBySlug>().Run(r, Value(r, "slug"), ct)));
        app.MapGet("/api/articles/{id}", Route(host, (r, ct) => host.Function<GetArticle>().Run(r, Value(r, "id"), ct)));
        app.MapGet("/api/categories", Route(host, (r, ct) => host.Function<ListFacets>().Categories(r, ct)));
        app.MapGet("/api/sources", Route(host, (r, ct) => host.Function<ListFacets>().Sources(r, ct)));
        app.MapGet("/api/feed", Route(host, (r, ct) => host.Function<GetFeed>().Run(r, ct)));
        app.MapMethods("/api/{**path}", ["OPTIONS"], Route(host, (r, _) => Task.FromResult(host.Function<Preflight>().Run(r))));

        await app.StartAsync(cancellationToken);
        var address = app.Urls.Single(); // Kestrel puts the port it was given in place of 0
        return new FunctionApi(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Value(HttpRequest request, string name) => (string)request.RouteValues[name]!;

    private static RequestDelegate Route(ContentTestHost host, Func<HttpRequest, CancellationToken, Task<IActionResult>> function) => async http =>
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        var kestrelServices = http.RequestServices;
        // The function app's services execute its results: its JSON options, ApiOptions and MVC executors.
        http.RequestServices = scope.ServiceProvider;
        try
        {
            IActionResult? result = null;
            var middleware = ActivatorUtilities.CreateInstance<HttpHeadersMiddleware>(host.Host.Services);
            await middleware.Invoke(new HttpFunctionContext(http, scope.ServiceProvider), async _ => result = await function(http.Request, http.RequestAborted));
            await result!.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
        }
        finally
        {
            http.RequestServices = kestrelServices;
        }
    };

    /// <summary>
    /// What the worker hands HTTP middleware: the invocation's items carry the ASP.NET Core HttpContext (under the key
    /// the integration's GetHttpContext reads). The rest of an invocation does not exist here, and says so if used.
    /// </summary>
    private sealed class HttpFunctionContext(HttpContext http, IServiceProvider services) : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();
        public override string FunctionId => throw NotHere();
        public override TraceContext TraceContext => throw NotHere();
        public override BindingContext BindingContext => throw NotHere();
        public override RetryContext RetryContext => throw NotHere();
        public override IServiceProvider InstanceServices { get; set; } = services;
        public override FunctionDefinition FunctionDefinition => throw NotHere();
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => throw NotHere();
        public override CancellationToken CancellationToken => http.RequestAborted;

        private static NotSupportedException NotHere() => new("Only the HTTP context of an invocation exists outside the worker.");
    }
}
