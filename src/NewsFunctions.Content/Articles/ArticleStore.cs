using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Search;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Articles;

/// <inheritdoc />
public sealed class ArticleStore(ContentTables tables, FacetCounters facets) : IArticleStore
{
    private const int MaxSaveAttempts = 10;
    private readonly SearchIndex _search = new(tables);

    public async Task<Article?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!ArticleId.IsWellFormed(id))
            return null;
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(id, ArticleEntity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
            return null;
        var article = ArticleEntity.FromEntity(response.Value!);
        if (response.Value!.GetString(ArticleEntity.BodyBlobProperty) is not { Length: > 0 } bodyBlob)
            return article;
        // Only bodies too long for an entity live in a blob: a second request for those alone.
        var content = await tables.BodiesContainer.GetBlobClient(bodyBlob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return article with { Paragraphs = content.Value.Content.ToString().Split('\n') };
    }

    public async Task<ArticlePage> ListAsync(ArticleQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var take = Math.Clamp(query.Limit, 1, ArticleQuery.MaxLimit);
        var rows = query.Search is { Length: > 0 }
            ? await SearchRowsAsync(query, take + 1, cancellationToken).ConfigureAwait(false)
            : await ListRowsAsync(query, take + 1, cancellationToken).ConfigureAwait(false);

        // One more than asked tells whether a next page exists.
        var returned = rows.Take(take).ToArray();
        var next = rows.Count > take ? ArticleCursor.After(rows[take - 1].RowKey) : null;
        return new ArticlePage(returned.Select(r => r.ToSummary()).ToArray(), next, returned.Max(r => r.Timestamp));
    }

    /// <summary>One query of one index partition. Pages may come back short: keep reading until enough.</summary>
    private async Task<List<ArticleIndexRow>> ListRowsAsync(ArticleQuery query, int take, CancellationToken cancellationToken)
    {
        var rows = new List<ArticleIndexRow>(take);
        var pages = tables.ArticleIndex
            .QueryAsync<ArticleIndexRow>(ArticleIndexFilter.For(query), maxPerPage: take, select: ArticleIndexRow.ListColumns, cancellationToken: cancellationToken)
            .AsPages(pageSizeHint: take);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            rows.AddRange(page.Values);
            if (rows.Count >= take) break;
        }
        return rows;
    }

    /// <summary>
    /// The posting lists of the query's terms (and the category or source partition, as a filter) merge-joined,
    /// then the list fields of the matches in one query of the <c>all</c> partition.
    /// </summary>
    private async Task<List<ArticleIndexRow>> SearchRowsAsync(ArticleQuery query, int take, CancellationToken cancellationToken)
    {
        if (!SearchTerms.TryParseQuery(query.Search, out var terms, out var error))
            throw new ArgumentException(error, nameof(query));
        var streams = terms.Select(t => (tables.Search, SearchIndex.Partition(t))).ToList();
        if (query.Category is { Length: > 0 } category)
            streams.Add((tables.ArticleIndex, ArticleIndexRow.CategoryPartition(category)));
        if (query.Source is { Length: > 0 } source)
            streams.Add((tables.ArticleIndex, ArticleIndexRow.SourcePartition(source)));

        var rowKeys = await SearchIndex.IntersectAsync(streams, ArticleIndexFilter.RowKeyBounds(query), take, cancellationToken).ConfigureAwait(false);
        if (rowKeys.Count == 0)
            return [];
        var matches = string.Join(" or ", rowKeys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ArticleIndexRow.AllPartition}") + " and (" + matches + ")";
        var rows = new List<ArticleIndexRow>(rowKeys.Count);
        await foreach (var row in tables.ArticleIndex.QueryAsync<ArticleIndexRow>(filter, maxPerPage: rowKeys.Count, select: ArticleIndexRow.ListColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
            rows.Add(row);
        return rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
    }

    public async Task SaveAsync(Article article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var rows = ArticleIndexRow.RowsFor(article).ToArray();
        var keys = rows.Select(r => (r.PartitionKey, r.RowKey)).ToArray();
        var terms = SearchTerms.ForArticle(article.Title, article.Paragraphs);
        var body = ArticleEntity.BodyOf(article);
        string? bodyBlob = null;
        if (body.Length > ArticleEntity.MaxBodyChars)
        {
            bodyBlob = article.Id + ".txt";
            await tables.BodiesContainer.GetBlobClient(bodyBlob).UploadAsync(BinaryData.FromString(body), overwrite: true, cancellationToken).ConfigureAwait(false);
        }

        // 1. The detail, with what its derived rows will be. A list row must never point at an article that is not there.
        var (before, after, etag) = await WriteDetailAsync(article, keys, terms, bodyBlob, cancellationToken).ConfigureAwait(false);

        // 2. The derived rows. When the version before was complete, only the difference is written; after a save
        //    that stopped halfway, everything is written again. Every write is an idempotent upsert or delete.
        var resume = !before.Complete;
        var samePostings = !resume && before.RowKey == after.RowKey;
        await Task.WhenAll(rows.Select(r => tables.ArticleIndex.UpsertEntityAsync(r, TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);
        await _search.AddAsync(samePostings ? terms.Except(before.Terms, StringComparer.Ordinal) : terms, after.RowKey!, cancellationToken).ConfigureAwait(false);
        var facetsNow = Facets(keys);
        await facets.CountAsync(article.Id, resume ? facetsNow : facetsNow.Except(Facets(before.Keys)), cancellationToken).ConfigureAwait(false);

        // 3. What the versions before left behind.
        await facets.UncountAsync(article.Id, Facets(after.StaleKeys).Except(facetsNow), cancellationToken).ConfigureAwait(false);
        await DeleteIndexRowsAsync(after.StaleKeys, cancellationToken).ConfigureAwait(false);
        await _search.RemoveAsync(after.StalePostings, cancellationToken).ConfigureAwait(false);

        // 4. Done: nothing is left to clean up. If another save got in first, its own step 4 says so.
        var done = new TableEntity(article.Id, ArticleEntity.RowKey);
        (after with { Complete = true, StaleKeys = [], StalePostings = new Dictionary<string, string[]>() }).WriteTo(done);
        try
        {
            await tables.Articles.UpdateEntityAsync(done, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
        }
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!ArticleId.IsWellFormed(id))
            return;
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var existing = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(id, ArticleEntity.RowKey, IndexState.Columns, cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
            return;
        var state = IndexState.ReadFrom(existing.Value!);
        var keys = state.Keys.Concat(state.StaleKeys).Distinct().ToArray();
        var postings = state.StalePostings.Append(new(state.RowKey ?? "", state.Terms.ToArray())).Where(p => p.Key.Length > 0);

        // Lists, search and counts first, so a reader never follows a list row to a missing article.
        await DeleteIndexRowsAsync(keys, cancellationToken).ConfigureAwait(false);
        await _search.RemoveAsync(postings, cancellationToken).ConfigureAwait(false);
        await facets.UncountAsync(id, Facets(keys), cancellationToken).ConfigureAwait(false);
        try
        {
            await tables.Articles.DeleteEntityAsync(id, ArticleEntity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
        await tables.BodiesContainer.DeleteBlobIfExistsAsync(id + ".txt", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the article entity conditionally on what was read (insert if absent, replace if unchanged since the read),
    /// re-reading on conflict: of two concurrent saves, each sees what the other wrote.
    /// </summary>
    private async Task<(IndexState Before, IndexState After, ETag ETag)> WriteDetailAsync(
        Article article, IReadOnlyList<(string, string)> keys, IReadOnlyList<string> terms, string? bodyBlob, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(article.Id, ArticleEntity.RowKey, IndexState.Columns, cancellationToken).ConfigureAwait(false);
            var before = existing.HasValue ? IndexState.ReadFrom(existing.Value!) : IndexState.None;
            var after = before.Next(keys, terms);
            var entity = ArticleEntity.ToEntity(article, after, bodyBlob);
            try
            {
                var response = existing.HasValue
                    ? await tables.Articles.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                    : await tables.Articles.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return (before, after, response.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < MaxSaveAttempts)
            {
                await Task.Delay(Random.Shared.Next(2, 10 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static HashSet<(FacetKind Kind, string Name)> Facets(IEnumerable<(string Partition, string Row)> keys) =>
        keys.Select(k => ArticleIndexRow.FacetOf(k.Partition)).OfType<(FacetKind, string)>().ToHashSet();

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
