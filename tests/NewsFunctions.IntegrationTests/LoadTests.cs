using System.Diagnostics;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.LoadBench;
using Xunit.Abstractions;

namespace NewsFunctions.IntegrationTests;

/// <summary>
/// The load benchmark's ingest, short: N generated documents (NEWSFUNCTIONS_LOAD_DOCUMENTS, default
/// <see cref="DefaultDocuments"/>) through the blob trigger's ingestion with bounded parallelism, then every one is
/// an article, paging lists each once, and the counts add up. bench/NewsFunctions.LoadBench runs the long version.
/// </summary>
[Trait("Category", "Load")]
public sealed class LoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Small enough for CI on two shared cores (one to two documents a second per worker against Azurite).</summary>
    public const int DefaultDocuments = 20;

    private readonly ContentTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private static int Documents =>
        int.TryParse(Environment.GetEnvironmentVariable("NEWSFUNCTIONS_LOAD_DOCUMENTS"), out var n) && n > 0 ? n : DefaultDocuments;

    [Fact]
    public async Task Every_document_is_one_article_listed_once_and_counted_once()
    {
        var generator = LoadDocuments.FromRepository(LoadDocuments.FindRepoRoot(AppContext.BaseDirectory));
        var documents = generator.Generate(Documents).ToList();

        var watch = Stopwatch.StartNew();
        var (ids, ingestTime) = await LoadIngest.RunAsync(_host.Service<IDocumentIngestion>(), _host.Documents.Name, documents, parallelism: 8, progress: null, CancellationToken.None);
        var problems = await LoadVerifier.VerifyAsync(_host.Service<Content.Storage.ContentTables>(), _host.Service<IArticleStore>(), _host.Service<FacetCounters>(), documents, ids, CancellationToken.None);

        output.WriteLine($"{documents.Count} documents ingested in {ingestTime.TotalSeconds:0.0} s ({documents.Count / ingestTime.TotalSeconds:0.0}/s), verified in {(watch.Elapsed - ingestTime).TotalSeconds:0.0} s");
        Assert.Empty(problems);
    }
}
