using System.Reflection;
using Microsoft.Playwright;
using NewsFunctions.IntegrationTests;

namespace NewsFunctions.BrowserTests;

/// <summary>
/// Two origins and a browser: the site (web/ from the repository) on one port, the API (the real functions over
/// Azurite, with the site's origin allowed by Api:CorsAllowedOrigins) on another, the test site's articles
/// ingested through the blob function, and one chromium for all the tests of the class.
/// </summary>
public sealed class FrontEndFixture : IAsyncLifetime
{
    public static readonly string RepositoryRoot = typeof(FrontEndFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private ContentTestHost? _host;
    private FunctionApi? _api;
    private SiteServer? _site;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    internal FunctionApi Api => _api ?? throw new InvalidOperationException("The fixture did not start (no chromium?).");

    internal SiteServer Site => _site ?? throw new InvalidOperationException("The fixture did not start (no chromium?).");

    internal IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture did not start (no chromium?).");

    /// <summary>The demo page as a site would serve it, pointed at the API's origin (demo.html?api=...).</summary>
    internal string DemoUrl(string fragment = "", string? siteOrigin = null) =>
        $"{siteOrigin ?? Site.Origin}/demo.html?api={Uri.EscapeDataString(Api.BaseUrl.ToString())}{fragment}";

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled) return; // every test is skipped, saying why
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _site = await SiteServer.StartAsync(Path.Combine(RepositoryRoot, "web"), SiteArticles.Media, timeout.Token);
        _host = new ContentTestHost(settings: new Dictionary<string, string?> { ["Api:CorsAllowedOrigins"] = _site.Origin });
        await _host.InitializeAsync();
        var number = 0;
        foreach (var article in SiteArticles.Everything)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await _host.UploadAndTriggerAsync($"site/{++number:D3}.html", SiteArticles.Page(article, _site.Origin));
        }
        _api = await FunctionApi.StartAsync(_host, timeout.Token);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Arguments,
            Timeout = 30_000,
        });
    }

    /// <summary>A new browser context (nothing kept from another test), a page with bounded waits, the demo opened.</summary>
    internal async Task<DemoPage> OpenDemoAsync(string fragment = "", ViewportSize? viewport = null, string? siteOrigin = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "Europe/London", // not China time: dates must still read in the site's time zone
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 860 },
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var demo = new DemoPage(context, page);
        await page.GotoAsync(DemoUrl(fragment, siteOrigin), new PageGotoOptions { Timeout = 15_000 });
        return demo;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_api is not null) await _api.DisposeAsync();
        if (_site is not null) await _site.DisposeAsync();
        if (_host is not null) await _host.DisposeAsync();
    }
}

/// <summary>One open demo page, with what it did: its uncaught errors, dialogs, and API responses.</summary>
internal sealed class DemoPage : IAsyncDisposable
{
    public DemoPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, error) => Errors.Add(error);
        page.Dialog += (_, dialog) => Dialogs.Add(dialog.Message);
        page.Response += (_, response) => { lock (Responses) Responses.Add((response.Request.Method, response.Url, response.Status)); };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public List<string> Dialogs { get; } = [];

    public List<(string Method, string Url, int Status)> Responses { get; } = [];

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
