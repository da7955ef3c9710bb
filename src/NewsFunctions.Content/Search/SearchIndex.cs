using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Search;

/// <summary>
/// An inverted index Table Storage can serve: one tiny row per (term, article), PartitionKey = <c>t|</c> + bigram,
/// RowKey = the article's list RowKey. Each partition is a posting list already sorted newest first, so a search is
/// a merge-join of a few range queries, and the category and source partitions of the list index join in the same
/// way as filters.
/// <para>
/// The rows are spread over <see cref="ShardCount"/> tables (<c>search00</c>..<c>search15</c>) by a hash of the
/// term. Table Storage scales by partition, so this changes nothing there; Azurite keeps each table as one
/// in-memory collection whose inserts and queries cost time in proportion to its rows, and 10,000 articles make
/// about 5.8 million postings. Sixteen tables keep local runs at that size workable.
/// </para>
/// </summary>
internal sealed class SearchIndex(ContentTables tables)
{
    /// <summary>Never change this for existing data: a term's shard is where its postings already are.</summary>
    public const int ShardCount = 16;

    /// <summary>
    /// The layout the postings are written in, kept on each article so a save knows whether its earlier postings
    /// are in this layout. 1: one <c>search</c> table. 2: <see cref="ShardCount"/> tables.
    /// </summary>
    public const int Layout = 2;

    private const int WriteParallelism = 32;

    public static string Partition(string term) => "t|" + TableKeys.Escape(term);

    /// <summary>FNV-1a over the term's UTF-16 code units: stable across processes and runtimes, unlike string.GetHashCode.</summary>
    public static int ShardOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var hash = 2166136261u;
        foreach (var c in term)
            hash = (hash ^ c) * 16777619u;
        return (int)(hash % ShardCount);
    }

    public Task AddAsync(IEnumerable<string> terms, string rowKey, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(terms, Options(cancellationToken), async (term, ct) =>
            await tables.SearchShardFor(term).UpsertEntityAsync(new TableEntity(Partition(term), rowKey), TableUpdateMode.Replace, ct).ConfigureAwait(false));

    public Task RemoveAsync(IEnumerable<KeyValuePair<string, string[]>> postings, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(postings.SelectMany(p => p.Value.Select(term => (Term: term, RowKey: p.Key))), Options(cancellationToken), async (posting, ct) =>
        {
            try
            {
                await tables.SearchShardFor(posting.Term).DeleteEntityAsync(Partition(posting.Term), posting.RowKey, ETag.All, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        });

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = cancellationToken };

    /// <summary>The matches of one page, and where a search that ran out of its request budget should go on from.</summary>
    public sealed record Intersection(List<string> RowKeys, string? ResumeFrom);

    /// <summary>
    /// The RowKeys present in every stream, in order, at most <paramref name="take"/>. Each stream is one partition
    /// read in RowKey order; the merge-join moves the streams that are behind up to the furthest one, and a stream
    /// whose page runs out while it is still behind seeks (a new range query from the furthest key) instead of
    /// reading the rows in between. After <paramref name="maxRequests"/> reads it stops with what it has and the
    /// key to resume from, so a rare combination of common words cannot make one request expensive.
    /// </summary>
    public static async Task<Intersection> IntersectAsync(
        IReadOnlyList<(TableClient Table, string Partition)> streams, string boundsFilter, int take, int maxRequests, CancellationToken cancellationToken)
    {
        var budget = new Budget(maxRequests);
        var postings = streams.Select(s => new PostingStream(s.Table, s.Partition, boundsFilter, streams.Count == 1 ? take : 1000, budget)).ToArray();
        var found = new List<string>(take);
        try
        {
            foreach (var stream in postings)
                if (!await stream.SeekAsync(null, cancellationToken).ConfigureAwait(false)) return new(found, null);

            while (found.Count < take)
            {
                var furthest = postings.Select(p => p.Current).Max(StringComparer.Ordinal)!;
                var aligned = true;
                foreach (var stream in postings)
                {
                    if (!await stream.SeekAsync(furthest, cancellationToken).ConfigureAwait(false)) return new(found, null);
                    aligned &= stream.Current == furthest;
                }
                if (!aligned) continue;
                found.Add(furthest);
                foreach (var stream in postings)
                    if (!await stream.MoveNextAsync(cancellationToken).ConfigureAwait(false)) return new(found, null);
            }
            return new(found, null);
        }
        catch (BudgetExhaustedException)
        {
            // Everything before the furthest key reached is decided: the next page starts there.
            return new(found, postings.Where(p => p.Current is not null).Select(p => p.Current).Max(StringComparer.Ordinal));
        }
    }

    private sealed class BudgetExhaustedException : Exception;

    private sealed class Budget(int requests)
    {
        private int _left = requests;

        public void Spend()
        {
            if (--_left < 0) throw new BudgetExhaustedException();
        }
    }

    /// <summary>One posting list, read a page at a time, able to jump ahead.</summary>
    private sealed class PostingStream(TableClient table, string partition, string boundsFilter, int pageSize, Budget budget)
    {
        private List<string> _page = [];
        private int _index;
        private string? _continuation;
        private string _filter = "";

        public string? Current => _index < _page.Count ? _page[_index] : null;

        /// <summary>Moves to the first key at or after <paramref name="target"/> (or the first key, when null); false at the end.</summary>
        public async Task<bool> SeekAsync(string? target, CancellationToken cancellationToken)
        {
            if (target is null)
                return await QueryAsync(null, cancellationToken).ConfigureAwait(false);
            while (Current is { } current && string.CompareOrdinal(current, target) < 0)
                _index++;
            if (Current is not null)
                return true;
            // The page ran out before the target: seek rather than read the rows in between.
            return _continuation is not null && await QueryAsync(target, cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            _index++;
            if (Current is not null)
                return true;
            return _continuation is not null && await NextPageAsync(cancellationToken).ConfigureAwait(false);
        }

        private Task<bool> QueryAsync(string? from, CancellationToken cancellationToken)
        {
            var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partition}") };
            if (boundsFilter.Length > 0) parts.Add(boundsFilter);
            if (from is not null) parts.Add(TableClient.CreateQueryFilter($"RowKey ge {from}"));
            _filter = string.Join(" and ", parts);
            _continuation = null;
            return NextPageAsync(cancellationToken);
        }

        private async Task<bool> NextPageAsync(CancellationToken cancellationToken)
        {
            // Pages can come back empty with a continuation token: follow it.
            do
            {
                budget.Spend();
                var pages = table.QueryAsync<TableEntity>(_filter, maxPerPage: pageSize, select: ["RowKey"], cancellationToken: cancellationToken)
                    .AsPages(_continuation, pageSize);
                await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    _page = [];
                    _continuation = null;
                    break;
                }
                _page = enumerator.Current.Values.Select(e => e.RowKey).ToList();
                _continuation = enumerator.Current.ContinuationToken;
                _index = 0;
            }
            while (_page.Count == 0 && _continuation is not null);
            _index = 0;
            return Current is not null;
        }
    }
}
