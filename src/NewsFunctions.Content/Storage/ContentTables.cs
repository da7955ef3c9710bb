using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using NewsFunctions.Content.Search;

namespace NewsFunctions.Content.Storage;

/// <summary>The tables and the documents container, created once per process on first use.</summary>
public sealed class ContentTables
{
    private readonly Lock _gate = new();
    private Task? _creating;

    public ContentTables(StorageClients clients, IOptions<ContentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        Articles = clients.Tables.GetTableClient(value.ArticlesTable);
        ArticleIndex = clients.Tables.GetTableClient(value.ArticleIndexTable);
        ArticleTitles = clients.Tables.GetTableClient(value.ArticleTitlesTable);
        Documents = clients.Tables.GetTableClient(value.DocumentsTable);
        Facets = clients.Tables.GetTableClient(value.FacetsTable);
        SearchShards = Enumerable.Range(0, SearchIndex.ShardCount)
            .Select(i => clients.Tables.GetTableClient(value.SearchTable + i.ToString("D2", CultureInfo.InvariantCulture)))
            .ToArray();
        DocumentsContainer = clients.Blobs.GetBlobContainerClient(value.DocumentsContainer);
        BodiesContainer = clients.Blobs.GetBlobContainerClient(value.BodiesContainer);
    }

    public TableClient Articles { get; }
    public TableClient ArticleIndex { get; }

    /// <summary>The title rows previous/next are resolved by (<see cref="NewsFunctions.Content.Articles.ArticleTitleIndex"/>): index rows no list reads, in a table of their own.</summary>
    public TableClient ArticleTitles { get; }

    /// <summary>Where an index row of this partition lives: title rows in <see cref="ArticleTitles"/>, the rest in <see cref="ArticleIndex"/>.</summary>
    public TableClient IndexTableFor(string partition) =>
        partition.StartsWith(NewsFunctions.Content.Articles.ArticleTitleIndex.PartitionPrefix, StringComparison.Ordinal) ? ArticleTitles : ArticleIndex;
    public TableClient Documents { get; }
    public TableClient Facets { get; }
    /// <summary>The search postings, spread over <see cref="SearchIndex.ShardCount"/> tables by term; see <see cref="SearchIndex"/>.</summary>
    public IReadOnlyList<TableClient> SearchShards { get; }

    /// <summary>The table that holds the postings of <paramref name="term"/>.</summary>
    public TableClient SearchShardFor(string term) => SearchShards[SearchIndex.ShardOf(term)];
    public BlobContainerClient DocumentsContainer { get; }
    public BlobContainerClient BodiesContainer { get; }

    /// <summary>Cheap after the first call. A failed first attempt is retried by the next caller.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        Task creating;
        lock (_gate)
        {
            if (_creating is null || _creating.IsFaulted || _creating.IsCanceled)
                _creating = CreateAllAsync();
            creating = _creating;
        }
        return creating.WaitAsync(cancellationToken);
    }

    /// <summary>Deletes every table and the container: for tests and for tearing down a prefix.</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            Tables.Select(t => (Task)t.DeleteAsync(cancellationToken)).Concat([
                DocumentsContainer.DeleteIfExistsAsync(cancellationToken: cancellationToken),
                BodiesContainer.DeleteIfExistsAsync(cancellationToken: cancellationToken)])).ConfigureAwait(false);
    }

    private async Task CreateAllAsync()
    {
        await Task.WhenAll(
            Tables.Select(t => (Task)t.CreateIfNotExistsAsync()).Concat([
                DocumentsContainer.CreateIfNotExistsAsync(),
                BodiesContainer.CreateIfNotExistsAsync()])).ConfigureAwait(false);
    }

    /// <summary>Every table the service uses.</summary>
    public IEnumerable<TableClient> Tables => new[] { Articles, ArticleIndex, ArticleTitles, Documents, Facets }.Concat(SearchShards);
}
