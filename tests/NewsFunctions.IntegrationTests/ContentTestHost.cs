using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp;

namespace NewsFunctions.IntegrationTests;

/// <summary>
/// The real worker host (built, not started) over Azurite, with tables and a container of its own
/// (a random prefix), deleted again when the test ends. Tests never see each other's data.
/// </summary>
public sealed class ContentTestHost : IAsyncLifetime
{
    /// <summary>Azurite by default; set NEWSFUNCTIONS_TEST_STORAGE to run the same tests against another account.</summary>
    public static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("NEWSFUNCTIONS_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    /// <param name="services">registrations made before the app's own (a storage client with a counting policy, say)</param>
    /// <param name="settings">configuration that replaces the defaults below (the CORS origins of a browser test)</param>
    public ContentTestHost(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        services?.Invoke(builder.Services);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9", // never contacted: the host is not started
            ["AzureWebJobsStorage"] = ConnectionString,
            ["Content:TablePrefix"] = _prefix,
            ["Content:DocumentsContainer"] = "docs-" + _prefix,
            ["Content:BodiesContainer"] = BodiesContainerName,
            ["Api:CorsAllowedOrigins"] = "https://site.example",
            ["Api:CacheMaxAgeSeconds"] = "120",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNewsFunctionApp();
        Host = builder.Build();
    }

    public IHost Host { get; }

    public string BodiesContainerName => "bodies-" + _prefix;

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Host.Services);

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public BlobContainerClient Documents => Service<ContentTables>().DocumentsContainer;

    public async Task InitializeAsync()
    {
        try
        {
            await Service<ContentTables>().EnsureCreatedAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new InvalidOperationException("Storage is not reachable. Start Azurite first (scripts/azurite.sh start) or run scripts/test.sh.", e);
        }
    }

    public async Task DisposeAsync()
    {
        await Service<ContentTables>().DeleteAllAsync(CancellationToken.None);
        Host.Dispose();
    }

    /// <summary>Uploads a document and runs the blob function the way the host does: the blob's stream and its name.</summary>
    public async Task UploadAndTriggerAsync(string name, byte[] content)
    {
        var blob = Documents.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        await using var stream = await blob.OpenReadAsync();
        await Function<NewsFunctions.FunctionApp.Functions.IngestDocument>().Run(stream, name, CancellationToken.None);
    }

    public static HttpRequest Get(string path, string query = "", string? origin = null, string? ifNoneMatch = null)
    {
        var context = new DefaultHttpContext();
        if (origin is not null) context.Request.Headers.Origin = origin;
        if (ifNoneMatch is not null) context.Request.Headers.IfNoneMatch = ifNoneMatch;
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    /// <summary>Executes an action result as ASP.NET Core would, and returns the status, content type and the body as text.</summary>
    public async Task<(int Status, string? ContentType, string Body)> ExecuteRawAsync(IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await using var scope = Host.Services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>The same, with the body parsed as JSON (null when there is none, as for a 304).</summary>
    public async Task<(int Status, string? ContentType, JsonElement Body)> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        var (status, contentType, text) = await ExecuteRawAsync(result, request);
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (status, contentType, document.RootElement.Clone());
    }
}
