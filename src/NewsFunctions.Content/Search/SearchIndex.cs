using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Search;

/// <summary>
/// An inverted index Table Storage can serve (table <c>search</c>): one tiny row per (term, article), PartitionKey =
/// <c>t|</c> + bigram, RowKey = the article's list RowKey. Each partition is a posting list already sorted newest
/// first, so a search is a merge-join of a few range queries, and the category and source partitions of the list
/// index join in the same way as filters.
/// </summary>
internal sealed class SearchIndex(ContentTables tables)
{
    private const int WriteParallelism = 32;

    public static string Partition(string term) => "t|" + TableKeys.Escape(term);

    public Task AddAsync(IEnumerable<string> terms, string rowKey, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(terms, Options(cancellationToken), async (term, ct) =>
            await tables.Search.UpsertEntityAsync(new TableEntity(Partition(term), rowKey), TableUpdateMode.Replace, ct).ConfigureAwait(false));

    public Task RemoveAsync(IEnumerable<KeyValuePair<string, string[]>> postings, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(postings.SelectMany(p => p.Value.Select(term => (Term: term, RowKey: p.Key))), Options(cancellationToken), async (posting, ct) =>
        {
            try
            {
                await tables.Search.DeleteEntityAsync(Partition(posting.Term), posting.RowKey, ETag.All, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        });

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = cancellationToken };

    /// <summary>
    /// The RowKeys present in every stream, in order, at most <paramref name="take"/>. Each stream is one partition read
    /// in RowKey order; the merge-join advances the streams that are behind to the furthest one.
    /// </summary>
    public static async Task<List<string>> IntersectAsync(IReadOnlyList<(TableClient Table, string Partition)> streams, string boundsFilter, int take, CancellationToken cancellationToken)
    {
        var cursors = streams.Select(s => s.Table.QueryAsync<TableEntity>(
                string.Join(" and ", new[] { TableClient.CreateQueryFilter($"PartitionKey eq {s.Partition}"), boundsFilter }.Where(f => f.Length > 0)),
                maxPerPage: streams.Count == 1 ? take : 1000,
                select: ["RowKey"],
                cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken)).ToArray();
        var found = new List<string>(take);
        try
        {
            foreach (var cursor in cursors)
                if (!await cursor.MoveNextAsync().ConfigureAwait(false)) return found;

            while (found.Count < take)
            {
                var furthest = cursors.Select(c => c.Current.RowKey).Max(StringComparer.Ordinal)!;
                var aligned = true;
                foreach (var cursor in cursors)
                {
                    while (string.CompareOrdinal(cursor.Current.RowKey, furthest) < 0)
                        if (!await cursor.MoveNextAsync().ConfigureAwait(false)) return found;
                    aligned &= cursor.Current.RowKey == furthest;
                }
                if (!aligned) continue;
                found.Add(furthest);
                foreach (var cursor in cursors)
                    if (!await cursor.MoveNextAsync().ConfigureAwait(false)) return found;
            }
            return found;
        }
        finally
        {
            foreach (var cursor in cursors)
                await cursor.DisposeAsync().ConfigureAwait(false);
        }
    }
}
