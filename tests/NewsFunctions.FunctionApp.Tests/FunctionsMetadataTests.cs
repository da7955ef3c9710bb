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

    internal static Dictionary<string, JsonElement> Load()
    {
        var output = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionAppOutput").Value!;
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
            ["DeleteArticle", "GetArticle", "GetArticleBySlug", "GetFeed", "GetOpenApiDocument", "Health", "IngestDocument", "IngestDocumentFromEventGrid", "ListArticles", "ListCategories", "ListSources", "MethodNotAllowed", "Preflight", "RecordPoisonedDocument", "SyncDocuments"],
            Functions.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("IngestDocument", null)]
    [InlineData("IngestDocumentFromEventGrid", "EventGrid")]
    public void Blob_triggers_watch_the_seeds_container(string function, string? source)
    {
        var trigger = Trigger(function);
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

    [Fact]
    public void Functions_with_specific_write_routes_sort_before_the_catch_all_405()
    {
        // The host tries routes in function-name order: a later name would be shadowed by MethodNotAllowed's {*path}.
        var writers = Functions.Where(f => f.Key != "MethodNotAllowed")
            .Where(f => f.Value.GetProperty("bindings").EnumerateArray().Any(b => b.TryGetProperty("methods", out var m)
                && m.EnumerateArray().Any(x => x.GetString() is "post" or "put" or "patch" or "delete")))
            .Select(f => f.Key);
        Assert.All(writers, name => Assert.True(string.CompareOrdinal(name, "MethodNotAllowed") < 0, $"{name} sorts after MethodNotAllowed"));
    }

    [Fact]
    public void Deleting_an_article_needs_a_function_key() =>
        AssertHttpTrigger("DeleteArticle", "admin/articles/{id}", ["delete"], authLevel: "Function");

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
