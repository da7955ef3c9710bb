using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace NewsFunctions.BrowserTests;

/// <summary>
/// The site: the repository's web/ folder served as static files from a second origin (another port), plus the
/// pictures the test's articles show, as a site's own media would be.
/// </summary>
internal sealed class SiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SiteServer(WebApplication app, Uri address)
    {
        _app = app;
        Origin = address.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>http://127.0.0.1:port</summary>
    public string Origin { get; }

    public static async Task<SiteServer> StartAsync(string webFolder, IReadOnlyDictionary<string, (string ContentType, byte[] Bytes)> media, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(webFolder), ServeUnknownFileTypes = false });
        app.MapGet("/media/{name}", (string name) => media.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.ContentType) : Results.NotFound());
        await app.StartAsync(cancellationToken);
        var address = app.Urls.Single(); // Kestrel puts the port it was given in place of 0
        return new SiteServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
