using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Storage;
using NewsFunctions.Parsing;

namespace NewsFunctions.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// Everything the function app and the CLI share: options validated at start-up, the storage clients
    /// (from the <c>AzureWebJobsStorage</c> setting), the parser, the article store, ingestion and the sweep.
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
        services.TryAddSingleton<IArticleStore, ArticleStore>();
        services.TryAddSingleton<DocumentLedger>();
        services.TryAddSingleton<IDocumentIngestion, DocumentIngestionService>();
        services.TryAddSingleton<Reindexer>();
        services.TryAddSingleton<DocumentSync>();
        services.TryAddSingleton<StorageHealthCheck>();
        return services;
    }
}
