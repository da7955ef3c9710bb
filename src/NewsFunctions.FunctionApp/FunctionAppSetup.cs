using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsFunctions.Content;
using NewsFunctions.Content.Caching;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp;

/// <summary>The composition root, shared by Program and by the tests that build the host.</summary>
public static class FunctionAppSetup
{
    public static FunctionsApplicationBuilder AddNewsFunctionApp(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.UseWhen<HttpHeadersMiddleware>(context => context.FunctionDefinition.InputBindings.Values.Any(b => b.Type == "httpTrigger"));
        builder.Services.AddNewsContent(builder.Configuration);
        builder.Services.AddOptions<ApiOptions>()
            .Bind(builder.Configuration.GetSection(ApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Entries in memory live no longer than a browser may keep the response.
        builder.Services.AddOptions<ArticleCacheOptions>().Configure<IOptions<ApiOptions>>((cache, api) =>
        {
            cache.MaxAge = TimeSpan.FromSeconds(api.Value.CacheMaxAgeSeconds);
            cache.SizeLimitBytes = api.Value.MemoryCacheMegabytes * 1024L * 1024;
        });
        builder.Services.AddSingleton<CorsPolicy>();
        builder.Services.AddHostedService(sp => new PoisonQueueCreator(
            sp.GetRequiredService<StorageClients>().Queues.GetQueueClient(Functions.RecordPoisonedDocument.PoisonQueue),
            sp.GetRequiredService<ILogger<PoisonQueueCreator>>()));
        builder.AddNewsTelemetry();
        // camelCase is ASP.NET Core's default; write Chinese as itself, not as \u escapes.
        builder.Services.Configure<JsonOptions>(o => o.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return builder;
    }
}
