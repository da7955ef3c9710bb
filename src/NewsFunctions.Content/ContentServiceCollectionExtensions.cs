using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Caching;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;
using NewsFunctions.Parsing;

namespace NewsFunctions.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// Everything the function app and the CLI share: options validated at start-up, the storage clients
    /// (from the <c>AzureWebJobsStorage</c> setting), the parser, the article store, reads for sites, ingestion and the sweep.
    /// </summary>
    public static IServiceCollection AddNewsContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentOptions>()
            .Bind(configuration.GetSection(ContentOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ContentOptions>>(new StorageSettingsValidator(configuration)));

        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DocumentParser(new DocumentParserOptions { MaxDocumentBytes = sp.GetRequiredService<IOptions<ContentOptions>>().Value.MaxDocumentBytes }));
        services.TryAddSingleton<ContentTables>();
        services.TryAddSingleton<FacetCounters>();
        services.TryAddSingleton<ArticleLocks>();
        services.TryAddSingleton<ArticleChanges>();
        services.TryAddSingleton<IArticleStore, ArticleStore>();
        services.TryAddSingleton<StoreReads>();
        // Reads for sites: from memory when the host configured a cache (the function app does; the CLI does not).
        services.AddOptions<ArticleCacheOptions>();
        services.TryAddSingleton<IArticleReads>(sp => sp.GetRequiredService<IOptions<ArticleCacheOptions>>().Value.Enabled
            ? ActivatorUtilities.CreateInstance<CachedArticleReads>(sp, sp.GetRequiredService<StoreReads>())
            : sp.GetRequiredService<StoreReads>());
        services.TryAddSingleton<DocumentLedger>();
        services.TryAddSingleton<IDocumentIngestion, DocumentIngestionService>();
        services.TryAddSingleton<Reindexer>();
        services.TryAddSingleton<DocumentSync>();
        services.TryAddSingleton<StorageHealthCheck>();
        return services;
    }
}
