using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NewsFunctions.Content;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Caching;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.FunctionApp.Tests;

/// <summary>Builds the worker host as Program does (without starting it) and creates every function class from it.</summary>
public sealed class HostCompositionTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9", // never contacted: the host is not started
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNewsFunctionApp();
        return builder.Build();
    }

    private static Type[] FunctionTypes() => typeof(IngestDocument).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .ToArray();

    public static TheoryData<Type> FunctionClasses() => new(FunctionTypes());

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void Every_function_class_resolves_from_the_host_services(Type functionClass)
    {
        using var host = BuildHost([]);
        var instance = ActivatorUtilities.CreateInstance(host.Services, functionClass);
        Assert.IsType(functionClass, instance);
    }

    /// <summary>One class per function: as many classes as functions.metadata declares.</summary>
    [Fact]
    public void Every_declared_function_has_a_method_the_host_can_call() =>
        Assert.Equal(
            FunctionsMetadataTests.Load().Keys.Order(StringComparer.Ordinal),
            FunctionTypes().SelectMany(t => t.GetMethods()).Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().Order(StringComparer.Ordinal));

    /// <summary>
    /// A host started outside Core Tools reads no local.settings.json: only AzureWebJobsStorage is set (and, in the
    /// default build, no function needs a setting to be switched off). Everything validated at start-up passes.
    /// </summary>
    [Fact]
    public void The_app_starts_with_nothing_but_the_storage_setting()
    {
        using var host = BuildHost([]);
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("seeds", host.Services.GetRequiredService<IOptions<ContentOptions>>().Value.DocumentsContainer);
        Assert.Empty(host.Services.GetRequiredService<IOptions<ApiOptions>>().Value.AllowedOrigins);
        var creator = Assert.Single(host.Services.GetServices<IHostedService>().OfType<PoisonQueueCreator>());
        Assert.Equal("webjobs-blobtrigger-poison", creator.QueueName);
    }

    [Theory]
    [InlineData("", "AzureWebJobsStorage")]
    [InlineData("not a connection string", "AzureWebJobsStorage")]
    public void A_missing_or_malformed_storage_setting_is_refused_with_its_name(string value, string name)
    {
        using var host = BuildHost(new() { ["AzureWebJobsStorage"] = value });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ContentOptions>>().Value);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_based_storage_setting_is_accepted()
    {
        using var host = BuildHost(new() { ["AzureWebJobsStorage"] = "", ["AzureWebJobsStorage:accountName"] = "newsfnstore", ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000000" });
        Assert.Equal("seeds", host.Services.GetRequiredService<IOptions<ContentOptions>>().Value.DocumentsContainer);
    }

    [Fact]
    public void With_an_application_insights_connection_string_the_worker_sends_telemetry_with_the_managed_identity()
    {
        using var host = BuildHost(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        });
        var telemetry = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.ApplicationInsights.Extensibility.TelemetryConfiguration>>().Value;
        Assert.Equal("00000000-0000-0000-0000-000000000000", telemetry.InstrumentationKey);
        Assert.NotNull(host.Services.GetService<Microsoft.ApplicationInsights.TelemetryClient>());
    }

    [Fact]
    public void A_malformed_cors_origin_is_refused_with_its_name()
    {
        using var host = BuildHost(new() { ["Api:CorsAllowedOrigins"] = "https://ok.example,not an origin" });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ApiOptions>>().Value);
        Assert.Contains("Api:CorsAllowedOrigins", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, typeof(CachedArticleReads), 60)]
    [InlineData("0", null, typeof(StoreReads), 0)]
    [InlineData(null, "0", typeof(StoreReads), 0)]
    [InlineData("300", "16", typeof(CachedArticleReads), 16)]
    public void Reads_are_cached_in_memory_unless_a_setting_switches_it_off(string? megabytes, string? maxAge, Type reads, int expectedMaxAge)
    {
        var settings = new Dictionary<string, string?>();
        if (megabytes is not null) settings["Api:MemoryCacheMegabytes"] = megabytes;
        if (maxAge is not null) settings["Api:CacheMaxAgeSeconds"] = maxAge;
        using var host = BuildHost(settings);
        Assert.IsType(reads, host.Services.GetRequiredService<IArticleReads>());
        var cache = host.Services.GetRequiredService<IOptions<ArticleCacheOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(expectedMaxAge), cache.Enabled ? cache.MaxAge : TimeSpan.Zero);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("16385")]
    public void An_out_of_range_memory_cache_size_is_refused_with_its_name(string megabytes)
    {
        using var host = BuildHost(new() { ["Api:MemoryCacheMegabytes"] = megabytes });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ApiOptions>>().Value);
        Assert.Contains("MemoryCacheMegabytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_setting_is_refused_with_its_name()
    {
        using var host = BuildHost(new() { ["Content:DocumentsContainer"] = "Not A Container!" });
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ContentOptions>>().Value);
        Assert.Contains("Content:DocumentsContainer", error.Message, StringComparison.Ordinal);
    }
}
