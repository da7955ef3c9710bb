using System.Reflection;
using System.Text.Json;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.FunctionApp.Tests;

/// <summary>
/// The host's contract: what the Functions SDK wrote into functions.metadata is what the host (func start, or Azure)
/// will bind. Core Tools cannot run here, so these tests read the file the host would read.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Dictionary<string, JsonElement> Functions = Load();

    internal static string BuildSetting(string key) =>
        typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>The functions a build output declares, by name (the default build's unless another output is given).</summary>
    internal static Dictionary<string, JsonElement> Load(string? output = null)
    {
        output ??= BuildSetting("FunctionAppOutput");
        var path = Path.Combine(output, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}; build the function app first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    private static JsonElement Trigger(string function) =>
        Functions[function].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");

    [Fact]
    public void Exactly_the_expected_functions_are_declared()
    {
        Assert.Equal(
            ["DeleteArticle", "GetArticle", "GetArticleBySlug", "GetFeed", "GetOpenApiDocument", "Health", "IngestDocument", "ListArticles", "ListCategories", "ListSources", "MethodNotAllowed", "Preflight", "RecordPoisonedDocument", "SyncDocuments"],
            Functions.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>The default build (dotnet build, func start) polls: Azurite cannot raise Event Grid events. See BlobTriggerBuildTests.</summary>
    [Fact]
    public void The_default_build_declares_the_polling_blob_trigger_only()
    {
        AssertBlobTrigger(Trigger("IngestDocument"), source: null);
        Assert.DoesNotContain("IngestDocumentFromEventGrid", Functions.Keys);
    }

    internal static void AssertBlobTrigger(JsonElement trigger, string? source)
    {
        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("seeds/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Assert.Equal(source, trigger.TryGetProperty("source", out var s) ? s.GetString() : null);
    }

    [Fact]
    public void Poisoned_documents_are_read_from_the_hosts_poison_queue()
    {
        var trigger = Trigger("RecordPoisonedDocument");
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("webjobs-blobtrigger-poison", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    /// <summary>
    /// The host's configuration as it resolves a <c>%name%</c> in a binding: host.json's values under
    /// <c>AzureFunctionsJobHost:</c> (the host's HostJsonFileConfigurationSource flattens the whole file so), then the
    /// app settings, where <c>__</c> stands for <c>:</c> and which override host.json. DefaultNameResolver reads
    /// IConfiguration[name]; NameResolverExtensions.ResolveWholeString puts the function in error when that is null.
    /// </summary>
    private static string? ResolveAsTheHostDoes(string token, Dictionary<string, string> appSettings)
    {
        Assert.Matches("^%[^%]+%$", token);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output(), "host.json"))))
            Flatten(hostJson.RootElement, "AzureFunctionsJobHost", values);
        foreach (var (name, value) in appSettings)
            values[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        return values.GetValueOrDefault(token.Trim('%'));
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Flatten(property.Value, path + ":" + property.Name, values);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Flatten(item, path + ":" + i++.ToString(System.Globalization.CultureInfo.InvariantCulture), values);
                break;
            default:
                values[path] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                break;
        }
    }

    private static string Output() => typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionAppOutput").Value!;

    /// <summary>How the host's timer reads a schedule: NCRONTAB with six fields (seconds first).</summary>
    private static NCrontab.CrontabSchedule Cron(string expression) =>
        NCrontab.CrontabSchedule.Parse(expression, new NCrontab.CrontabSchedule.ParseOptions { IncludingSeconds = true });

    /// <summary>Occurrences in one day, midnight included (NCrontab's range excludes both ends).</summary>
    private static int RunsInADay(string schedule)
    {
        var midnight = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return Cron(schedule).GetNextOccurrences(midnight.AddSeconds(-1), midnight.AddDays(1).AddSeconds(-1)).Count();
    }

    [Fact]
    public void The_sweep_runs_on_a_timer_whose_schedule_resolves_with_no_app_settings_to_once_an_hour()
    {
        var trigger = Trigger("SyncDocuments");
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        // Not on start-up (every scale-out would sweep), and with the schedule monitor (a run missed while the app was
        // down happens when it is back).
        Assert.False(trigger.TryGetProperty("runOnStartup", out var onStartup) && onStartup.GetBoolean());
        Assert.False(trigger.TryGetProperty("useMonitor", out var monitor) && !monitor.GetBoolean());

        var schedule = ResolveAsTheHostDoes(trigger.GetProperty("schedule").GetString()!, []);
        Assert.NotNull(schedule);
        Assert.Equal(24, RunsInADay(schedule));
    }

    [Fact]
    public void An_app_setting_changes_the_sweep_schedule()
    {
        var token = Trigger("SyncDocuments").GetProperty("schedule").GetString()!;
        var schedule = ResolveAsTheHostDoes(token, new() { ["AzureFunctionsJobHost__newsFunctions__syncSchedule"] = "0 */15 * * * *" });
        Assert.Equal(96, RunsInADay(schedule!));
    }

    [Fact]
    public void A_timer_run_of_the_sweep_stops_inside_the_function_timeout()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output(), "host.json")));
        var timeout = TimeSpan.Parse(host.RootElement.GetProperty("functionTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        // The budget is when the sweep starts no new page; a page's ingests take the last minute at most.
        Assert.True(SyncDocuments.TimeBudget <= timeout - TimeSpan.FromMinutes(1), $"budget {SyncDocuments.TimeBudget}, timeout {timeout}");
    }

    [Theory]
    [InlineData("ListArticles", "articles")]
    [InlineData("GetArticle", "articles/{id}")]
    [InlineData("GetFeed", "feed")]
    [InlineData("Health", "health")]
    [InlineData("GetOpenApiDocument", "openapi.json")]
    [InlineData("GetArticleBySlug", "articles/by-slug/{slug}")]
    [InlineData("ListCategories", "categories")]
    [InlineData("ListSources", "sources")]
    public void Http_functions_are_anonymous_gets_on_their_routes(string function, string route) =>
        AssertHttpTrigger(function, route, ["get"]);

    [Fact]
    public void Preflight_answers_options_on_every_route() => AssertHttpTrigger("Preflight", "{*path}", ["options"]);

    [Fact]
    public void Writes_on_any_route_reach_the_405_function() =>
        AssertHttpTrigger("MethodNotAllowed", "{*path}", ["post", "put", "patch", "delete"]);

    /// <summary>
    /// The host matches HTTP routes in the order it loads functions, by name (FunctionMetadataManager sorts them with
    /// StringComparer.OrdinalIgnoreCase), and the first route that matches wins: WebJobsRouteBuilder adds them without
    /// any precedence of literal over parameter segments. So a catch-all (<c>{*path}</c>) shadows every function that
    /// shares one of its methods and sorts after it.
    /// </summary>
    [Fact]
    public void No_catch_all_route_shadows_a_function_that_shares_its_methods()
    {
        var http = Functions.Select(f => (Name: f.Key, Trigger: HttpTriggerOf(f.Value))).Where(f => f.Trigger is not null).ToArray();
        var catchAlls = http.Where(f => f.Trigger!.Value.GetProperty("route").GetString()!.StartsWith("{*", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["MethodNotAllowed", "Preflight"], catchAlls.Select(c => c.Name).Order(StringComparer.Ordinal));
        foreach (var catchAll in catchAlls)
        {
            var methods = MethodsOf(catchAll.Trigger!.Value);
            var shadowed = http.Where(f => f.Name != catchAll.Name && MethodsOf(f.Trigger!.Value).Overlaps(methods)
                    && StringComparer.OrdinalIgnoreCase.Compare(f.Name, catchAll.Name) > 0)
                .Select(f => f.Name).ToArray();
            Assert.True(shadowed.Length == 0, $"{string.Join(", ", shadowed)} sort(s) after {catchAll.Name}, whose {{*path}} would answer first");
        }
        Assert.True(StringComparer.OrdinalIgnoreCase.Compare("DeleteArticle", "MethodNotAllowed") < 0);
    }

    [Fact]
    public void Deleting_an_article_needs_a_function_key() =>
        AssertHttpTrigger("DeleteArticle", "manage/articles/{id}", ["delete"], authLevel: "Function");

    /// <summary>
    /// The host's own routes (admin/..., runtime/...) are reserved whatever routePrefix is: ScriptHost.ValidateHttpFunction
    /// refuses any route that, trimmed of '/' and lower-cased, starts with "admin" or "runtime" ("The specified route
    /// conflicts with one or more built in routes"), and the function is not indexed, locally and in Azure.
    /// </summary>
    internal static bool ReservedByHost(string route)
    {
        var normalized = route.Trim('/').ToLowerInvariant();
        return normalized.StartsWith("admin", StringComparison.Ordinal) || normalized.StartsWith("runtime", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin/articles/{id}", true)]
    [InlineData("/Admin/articles", true)]
    [InlineData("administration/articles", true)]
    [InlineData("runtime/webhooks/blobs", true)]
    [InlineData("RUNTIMES", true)]
    [InlineData("manage/articles/{id}", false)]
    [InlineData("articles/admin", false)]
    [InlineData("{*path}", false)]
    public void The_reserved_route_rule_is_the_hosts(string route, bool reserved) => Assert.Equal(reserved, ReservedByHost(route));

    [Fact]
    public void No_http_route_is_one_the_host_reserves()
    {
        // A route left empty defaults to the function's name, as the host does.
        var reserved = Functions.Select(f => (f.Key, Trigger: HttpTriggerOf(f.Value)))
            .Where(f => f.Trigger is { } t && ReservedByHost(t.TryGetProperty("route", out var r) && r.GetString() is { Length: > 0 } route ? route : f.Key))
            .Select(f => f.Key).ToArray();
        Assert.True(reserved.Length == 0, "The host refuses the routes of: " + string.Join(", ", reserved));
    }

    private static JsonElement? HttpTriggerOf(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger").Select(b => (JsonElement?)b).FirstOrDefault();

    /// <summary>The trigger's methods; none listed means every method.</summary>
    private static HashSet<string> MethodsOf(JsonElement trigger) =>
        trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array && methods.GetArrayLength() > 0
            ? methods.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToHashSet()
            : ["get", "head", "post", "put", "patch", "delete", "options", "trace"];

    private static void AssertHttpTrigger(string function, string route, string[] methods, string authLevel = "Anonymous")
    {
        var trigger = Trigger(function);
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
        Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void Host_json_is_in_the_output_with_the_api_route_prefix()
    {
        var output = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionAppOutput").Value!;
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}
