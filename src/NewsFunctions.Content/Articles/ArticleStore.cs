using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Articles;

/// <inheritdoc />
public sealed class ArticleStore(ContentTables tables) : IArticleStore
{
    public async Task<Article?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!ArticleId.IsWellFormed(id))
            return null;
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(id, ArticleEntity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ArticleEntity.FromEntity(response.Value!) : null;
    }

    public async Task<ArticlePage> ListAsync(ArticleQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var take = Math.Clamp(query.Limit, 1, ArticleQuery.MaxLimit);
        var rows = new List<ArticleIndexRow>(take + 1);
        // One more than asked tells whether a next page exists. Pages may come back short: keep reading until enough.
        var pages = tables.ArticleIndex
            .QueryAsync<ArticleIndexRow>(ArticleIndexFilter.For(query), maxPerPage: take + 1, select: ArticleIndexRow.ListColumns, cancellationToken: cancellationToken)
            .AsPages(pageSizeHint: take + 1);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            rows.AddRange(page.Values);
            if (rows.Count > take) break;
        }

        var returned = rows.Take(take).ToArray();
        var next = rows.Count > take ? ArticleCursor.After(rows[take - 1].RowKey) : null;
        return new ArticlePage(returned.Select(r => r.ToSummary()).ToArray(), next, returned.Max(r => r.Timestamp));
    }

    public async Task SaveAsync(Article article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var previousKeys = await ReadIndexKeysAsync(article.Id, cancellationToken).ConfigureAwait(false);
        var rows = ArticleIndexRow.RowsFor(article).ToArray();
        var keys = rows.Select(r => (r.PartitionKey, r.RowKey)).ToArray();

        // The detail first: a list row must never point at an article that is not there yet.
        await tables.Articles.UpsertEntityAsync(ArticleEntity.ToEntity(article, keys), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(rows.Select(r => tables.ArticleIndex.UpsertEntityAsync(r, TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);
        await DeleteIndexRowsAsync(previousKeys.Except(keys), cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!ArticleId.IsWellFormed(id))
            return;
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var keys = await ReadIndexKeysAsync(id, cancellationToken).ConfigureAwait(false);
        // Lists first, so a reader never follows a list row to a missing article.
        await DeleteIndexRowsAsync(keys, cancellationToken).ConfigureAwait(false);
        await IgnoreNotFound(tables.Articles.DeleteEntityAsync(id, ArticleEntity.RowKey, ETag.All, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<(string Partition, string Row)>> ReadIndexKeysAsync(string id, CancellationToken cancellationToken)
    {
        var existing = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(
            id, ArticleEntity.RowKey, [ArticleEntity.IndexKeysProperty], cancellationToken).ConfigureAwait(false);
        return existing.HasValue ? ArticleEntity.ReadIndexKeys(existing.Value!) : [];
    }

    private Task DeleteIndexRowsAsync(IEnumerable<(string Partition, string Row)> keys, CancellationToken cancellationToken) =>
        Task.WhenAll(keys.Select(k => IgnoreNotFound(tables.ArticleIndex.DeleteEntityAsync(k.Partition, k.Row, ETag.All, cancellationToken))));

    private static async Task IgnoreNotFound(Task<Response> delete)
    {
        try
        {
            await delete.ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
