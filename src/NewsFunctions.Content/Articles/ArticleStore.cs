using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Search;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Articles;

/// <inheritdoc />
public sealed class ArticleStore(ContentTables tables, FacetCounters facets, ArticleLocks locks, ArticleChanges changes) : IArticleStore
{
    /// <summary>A search page may read this many pages of posting lists before it returns what it has found.</summary>
    private const int SearchRequestBudget = 40;

    /// <summary>The Table service allows 15 comparisons in a filter: the partition, a range, and 12 keys.</summary>
    private const int KeysPerLookup = 12;

    /// <summary>When the article was first stored, kept through every re-parse: an undated article's list position.</summary>
    private const string StoredAtProperty = "StoredAt";

    /// <summary>What versions before StoredAt kept instead: the publication time, or an undated article's first storing.</summary>
    private const string LegacySortTimeProperty = "SortTime";

    private static readonly string[] SaveColumns = [.. IndexState.Columns, StoredAtProperty, LegacySortTimeProperty, "PublishedAt", "IngestedAt", ArticleEntity.BodyBlobProperty];

    private readonly SearchIndex _search = new(tables);
    private readonly ArticleNeighbours _neighbours = new(tables);

    public Task<Article?> FindAsync(string id, CancellationToken cancellationToken) => FindAsync(id, linkNeighbours: false, cancellationToken);

    public async Task<Article?> FindAsync(string id, bool linkNeighbours, CancellationToken cancellationToken)
    {
        if (!ArticleId.IsWellFormed(id))
            return null;
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(id, ArticleEntity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
            return null;
        var entity = response.Value!;
        var article = ArticleEntity.FromEntity(entity);
        // Only bodies too long for an entity live in a blob: a second request for those alone, beside the links' lookups.
        var body = entity.GetString(ArticleEntity.BodyBlobProperty) is { Length: > 0 } bodyBlob
            ? tables.BodiesContainer.GetBlobClient(bodyBlob).DownloadContentAsync(cancellationToken)
            : null;
        var linked = linkNeighbours
            ? _neighbours.LinkAsync(article, ArticleIndexRow.RowKeyFor(article.Id, article.PublishedAt, StoredAt(entity) ?? article.Provenance.IngestedAt), cancellationToken)
            : Task.FromResult(article);
        if (body is null)
            return await linked.ConfigureAwait(false);
        await Task.WhenAll(linked, body).ConfigureAwait(false);
        return (await linked.ConfigureAwait(false)) with { Paragraphs = (await body.ConfigureAwait(false)).Value.Content.ToString().Split('\n') };
    }

    public async Task<ArticlePage> ListAsync(ArticleQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var take = Math.Clamp(query.Limit, 1, ArticleQuery.MaxLimit);
        var joined = query.Search is { Length: > 0 } || (query.Category is { Length: > 0 } && query.Source is { Length: > 0 });
        return joined
            ? await JoinAsync(query, take, cancellationToken).ConfigureAwait(false)
            : await ListPartitionAsync(query, take, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One query of one index partition. Pages may come back short: keep reading until enough.</summary>
    private async Task<ArticlePage> ListPartitionAsync(ArticleQuery query, int take, CancellationToken cancellationToken)
    {
        var rows = new List<ArticleIndexRow>(take + 1);
        var pages = tables.ArticleIndex
            .QueryAsync<ArticleIndexRow>(ArticleIndexFilter.For(query), maxPerPage: take + 1, select: ArticleIndexRow.ListColumns, cancellationToken: cancellationToken)
            .AsPages(pageSizeHint: take + 1);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            rows.AddRange(page.Values);
            if (rows.Count > take) break;
        }
        // One more than asked tells whether a next page exists.
        var next = rows.Count > take ? ArticleCursor.After(rows[take - 1].RowKey) : null;
        return new ArticlePage(rows.Take(take).Select(r => r.ToSummary()).ToArray(), next);
    }

    /// <summary>
    /// Search terms, or a category and a source together: their posting lists (the search table's bigram partitions,
    /// the list index's category and source partitions) merge-joined, then the list fields of the page's matches read
    /// from the <c>all</c> partition, a dozen keys a query.
    /// </summary>
    private async Task<ArticlePage> JoinAsync(ArticleQuery query, int take, CancellationToken cancellationToken)
    {
        var streams = new List<SearchIndex.PostingList>();
        if (query.Search is { Length: > 0 })
        {
            if (!SearchTerms.TryParseQuery(query.Search, out var terms, out var error))
                throw new ArgumentException(error, nameof(query));
            streams.AddRange(terms.Select(t => new SearchIndex.PostingList(
                tables.SearchShardFor(t), SearchIndex.Partition, SearchIndex.KeyPrefix(t), ArticleIndexFilter.RowKeyBounds(query, SearchIndex.KeyPrefix(t)))));
        }
        var bounds = ArticleIndexFilter.RowKeyBounds(query);
        if (query.Category is { Length: > 0 } category)
            streams.Add(new(tables.ArticleIndex, ArticleIndexRow.CategoryPartition(category), "", bounds));
        if (query.Source is { Length: > 0 } source)
            streams.Add(new(tables.ArticleIndex, ArticleIndexRow.SourcePartition(source), "", bounds));

        var matches = await SearchIndex.IntersectAsync(streams, take + 1, SearchRequestBudget, cancellationToken).ConfigureAwait(false);
        var pageKeys = matches.RowKeys.Take(take).ToList();
        // The next page follows from the matches, not from the rows found for them, so a posting whose article
        // has gone cannot end the paging early.
        var next = matches.RowKeys.Count > take ? ArticleCursor.After(pageKeys[^1])
            : matches.ResumeFrom is { } resume ? ArticleCursor.From(resume)
            : null;
        var rows = await LookUpAsync(pageKeys, cancellationToken).ConfigureAwait(false);
        return new ArticlePage(rows.Select(r => r.ToSummary()).ToArray(), next);
    }

    private async Task<List<ArticleIndexRow>> LookUpAsync(List<string> rowKeys, CancellationToken cancellationToken)
    {
        var rows = new List<ArticleIndexRow>(rowKeys.Count);
        foreach (var chunk in rowKeys.Chunk(KeysPerLookup))
        {
            // The range bounds the scan to the chunk's span; the listed keys pick the rows within it.
            var keys = string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ArticleIndexRow.AllPartition} and RowKey ge {chunk[0]} and RowKey le {chunk[^1]}") + " and (" + keys + ")";
            await foreach (var row in tables.ArticleIndex.QueryAsync<ArticleIndexRow>(filter, maxPerPage: chunk.Length, select: ArticleIndexRow.ListColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
                rows.Add(row);
        }
        return rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
    }

    public Task SaveAsync(Article article, CancellationToken cancellationToken) => SaveAsync(article, likelyNew: false, cancellationToken);

    public async Task SaveAsync(Article article, bool likelyNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        try
        {
            await WriteAsync(article, likelyNew, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            changes.Raise(article.Id, ArticleTitleIndex.PartitionFor(article.SiteName, article.Title));
        }
    }

    private async Task WriteAsync(Article article, bool likelyNew, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(article.Id, cancellationToken).ConfigureAwait(false);

        var terms = SearchTerms.ForArticle(article.Title, article.Paragraphs);
        var (previous, before, after, rows, bodyBlob, etag) = await WriteEntityAsync(article, terms, readFirst: !likelyNew, cancellationToken).ConfigureAwait(false);
        var keys = rows.Select(r => (r.PartitionKey, r.RowKey)).ToArray();

        // 2. The derived rows. When the version before was complete, only the difference is written; after a save
        //    that stopped halfway, everything is written again. Every write is an idempotent upsert or delete.
        var resume = !before.Complete;
        var samePostings = !resume && before.RowKey == after.RowKey;
        await Task.WhenAll(rows.Select(r => tables.IndexTableFor(r.PartitionKey).UpsertEntityAsync(r, TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);
        await _search.AddAsync(samePostings ? terms.Except(before.Terms, StringComparer.Ordinal) : terms, after.RowKey!, cancellationToken).ConfigureAwait(false);
        var facetsNow = Facets(keys);
        await facets.CountAsync(article.Id, resume ? facetsNow : facetsNow.Except(Facets(before.Keys)), cancellationToken).ConfigureAwait(false);

        // 3. What the versions before left behind: postings before list rows, so a search never finds a row that is gone.
        await _search.RemoveAsync(after.StalePostings, cancellationToken).ConfigureAwait(false);
        await facets.UncountAsync(article.Id, Facets(after.StaleKeys).Except(facetsNow), cancellationToken).ConfigureAwait(false);
        await DeleteIndexRowsAsync(after.StaleKeys, cancellationToken).ConfigureAwait(false);

        // 4. Done: nothing is left to clean up.
        var done = new TableEntity(article.Id, ArticleEntity.RowKey);
        (after with { Complete = true, StaleKeys = [], StalePostings = new Dictionary<string, string[]>() }).WriteTo(done);
        await tables.Articles.UpdateEntityAsync(done, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        if (previous?.GetString(ArticleEntity.BodyBlobProperty) is { Length: > 0 } oldBody && oldBody != bodyBlob)
            await tables.BodiesContainer.DeleteBlobIfExistsAsync(oldBody, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The article entity as step 1 of a save wrote it: what was there before, and what its derived rows are now.</summary>
    private sealed record WrittenEntity(TableEntity? Previous, IndexState Before, IndexState After, ArticleIndexRow[] Rows, string? BodyBlob, ETag ETag);

    /// <summary>
    /// 1. The body, when the entity cannot hold it, under a name of its own content (a failed save leaves the current
    /// one intact), then the detail with what its derived rows will be: a list row must never point at an article that
    /// is not there. Without <paramref name="readFirst"/> the entity is added blind, and read only when it exists.
    /// </summary>
    private async Task<WrittenEntity> WriteEntityAsync(Article article, IReadOnlyList<string> terms, bool readFirst, CancellationToken cancellationToken)
    {
        while (true)
        {
            TableEntity? previous = null;
            if (readFirst)
            {
                var existing = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(article.Id, ArticleEntity.RowKey, SaveColumns, cancellationToken).ConfigureAwait(false);
                previous = existing.HasValue ? existing.Value : null;
            }
            var before = previous is null ? IndexState.None : IndexState.ReadFrom(previous);

            // An undated article keeps the list position it got when it was first stored, through re-parses.
            var storedAt = StoredAt(previous) ?? article.Provenance.IngestedAt;
            var rows = ArticleIndexRow.RowsFor(article, storedAt).ToArray();
            var after = before.Next(rows.Select(r => (r.PartitionKey, r.RowKey)).ToArray(), terms);

            var bodyBlob = await WriteBodyBlobIfLongAsync(article, after, cancellationToken).ConfigureAwait(false);
            var entity = ArticleEntity.ToEntity(article, after, bodyBlob);
            entity[StoredAtProperty] = storedAt;
            try
            {
                var written = previous is null
                    ? await tables.Articles.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                    : await tables.Articles.UpdateEntityAsync(entity, previous.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new WrittenEntity(previous, before, after, rows, bodyBlob, written.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException e) when (e.Status == 409 && !readFirst)
            {
                // Not new after all (the same article from another document): read it and save as an update.
                readFirst = true;
            }
        }
    }

    /// <summary>When the previous version was first stored; for an entity written before StoredAt, the best it kept.</summary>
    private static DateTimeOffset? StoredAt(TableEntity? previous) =>
        previous is null ? null
        : previous.GetDateTimeOffset(StoredAtProperty)
            ?? (string.IsNullOrEmpty(previous.GetString("PublishedAt")) ? previous.GetDateTimeOffset(LegacySortTimeProperty) : null)
            ?? previous.GetDateTimeOffset("IngestedAt");

    /// <summary>Writes the body to a blob when it is too long for the entity (or would push the entity past 1 MiB); returns its name, or null.</summary>
    private async Task<string?> WriteBodyBlobIfLongAsync(Article article, IndexState index, CancellationToken cancellationToken)
    {
        var body = ArticleEntity.BodyOf(article);
        if (body.Length <= ArticleEntity.MaxBodyChars && body.Length + index.ApproximateChars + ArticleEntity.MetadataChars(article) <= ArticleEntity.MaxEntityChars)
            return null;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16];
        var name = $"bodies/{article.Id}/{hash}.txt";
        await tables.BodiesContainer.GetBlobClient(name).UploadAsync(BinaryData.FromString(body), overwrite: true, cancellationToken).ConfigureAwait(false);
        return name;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!ArticleId.IsWellFormed(id))
            return false;
        try
        {
            return await RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            changes.Raise(id, titlePartition: null);
        }
    }

    private async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
        var existing = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(id, ArticleEntity.RowKey, SaveColumns, cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
            return false;
        var state = IndexState.ReadFrom(existing.Value!);
        var keys = state.Keys.Concat(state.StaleKeys).Distinct().ToArray();
        var postings = state.StalePostings.Append(new(state.RowKey ?? "", state.Terms.ToArray())).Where(p => p.Key.Length > 0);

        // Search, counts and lists first, so a reader never follows a list row to a missing article.
        await _search.RemoveAsync(postings, cancellationToken).ConfigureAwait(false);
        await facets.UncountAsync(id, Facets(keys), cancellationToken).ConfigureAwait(false);
        await DeleteIndexRowsAsync(keys, cancellationToken).ConfigureAwait(false);
        try
        {
            await tables.Articles.DeleteEntityAsync(id, ArticleEntity.RowKey, existing.Value!.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
        if (existing.Value!.GetString(ArticleEntity.BodyBlobProperty) is { Length: > 0 } bodyBlob)
            await tables.BodiesContainer.DeleteBlobIfExistsAsync(bodyBlob, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static HashSet<(FacetKind Kind, string Name)> Facets(IEnumerable<(string Partition, string Row)> keys) =>
        keys.Select(k => ArticleIndexRow.FacetOf(k.Partition)).OfType<(FacetKind, string)>().ToHashSet();

    private Task DeleteIndexRowsAsync(IEnumerable<(string Partition, string Row)> keys, CancellationToken cancellationToken) =>
        Task.WhenAll(keys.Select(k => IgnoreNotFound(tables.IndexTableFor(k.Partition).DeleteEntityAsync(k.Partition, k.Row, ETag.All, cancellationToken))));

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
