using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp;

namespace NewsFunctions.LoadBench;

/// <summary>
/// The real worker host, built and not started (as the integration tests' ContentTestHost does), over one table
/// prefix and its own containers. Logging is kept to warnings so the ingest's per-document lines do not cost time.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    /// <param name="countRequests">Count the storage requests (<see cref="Requests"/>); off for bare writes, whose batches the tally would serialise once more.</param>
    /// <param name="settings">More app settings (e.g. <c>Api:MemoryCacheMegabytes</c>), as the host would read them.</param>
    public BenchHost(string connectionString, string prefix, bool countRequests = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Prefix = prefix;
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9", // never contacted: the host is not started
            ["AzureWebJobsStorage"] = connectionString,
            ["Content:TablePrefix"] = prefix,
            ["Content:DocumentsContainer"] = "docs-" + prefix.ToLowerInvariant(),
            ["Content:BodiesContainer"] = "bodies-" + prefix.ToLowerInvariant(),
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        Requests = new RequestTally(prefix);
        // Registered before the app's own, which only adds storage clients when none are there: the same retry
        // settings, plus the tally.
        var tableOptions = StorageClients.WithRetries(new TableClientOptions());
        if (countRequests) tableOptions.AddPolicy(Requests.Tables, HttpPipelinePosition.PerRetry);
        var blobOptions = StorageClients.WithRetries(new BlobClientOptions());
        if (countRequests) blobOptions.AddPolicy(Requests.Blobs, HttpPipelinePosition.PerRetry);
        builder.Services.AddSingleton(StorageClients.FromConnectionString(connectionString, tableOptions, blobOptions));
        builder.AddNewsFunctionApp();
        Host = builder.Build();
    }

    public static string NewPrefix() => "lb" + Guid.NewGuid().ToString("N")[..10];

    public string Prefix { get; }

    /// <summary>Every storage request this host's clients make, by kind.</summary>
    public RequestTally Requests { get; }

    public IHost Host { get; }

    public ContentTables Tables => Service<ContentTables>();

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Host.Services);

    public static HttpRequest Get(string path, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    /// <summary>Executes an action result as ASP.NET Core would (JSON serialization included); the status and body length.</summary>
    public async Task<(int Status, int Bytes)> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await using var scope = Host.Services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor())).ConfigureAwait(false);
        return (context.Response.StatusCode, (int)body.Length);
    }

    public async Task<string> ExecuteTextAsync(IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await using var scope = Host.Services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor())).ConfigureAwait(false);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
