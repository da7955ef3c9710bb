using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Search;

/// <summary>
/// An inverted index Table Storage can serve: one tiny row per (term, article) with RowKey = the term, <c>|</c>, and
/// the article's list RowKey. The rows of one term are thus a contiguous range already sorted newest first, so a
/// search is a merge-join of a few range queries, and the category and source partitions of the list index join in
/// the same way as filters.
/// <para>
/// The rows are spread over <see cref="ShardCount"/> tables (<c>search00</c>..<c>search15</c>) by a hash of the
/// term, each table one partition (<see cref="Partition"/>). An article's postings therefore go as one batch
/// transaction per shard (about 16 requests for ~500 postings, where one partition per term took one request per
/// posting), and each shard's partition takes about 2,000 entities/s in Table Storage, 32,000 for all sixteen:
/// above an account's 20,000. The tables also matter to Azurite, which keeps each table as one in-memory collection
/// whose inserts and queries cost time in proportion to its rows.
/// </para>
/// </summary>
internal sealed class SearchIndex(ContentTables tables)
{
    /// <summary>Never change this for existing data: a term's shard is where its postings already are.</summary>
    public const int ShardCount = 16;

    /// <summary>
    /// The layout the postings are written in, kept on each article so a save knows whether its earlier postings
    /// are in this layout. 1: one <c>search</c> table, partition per term. 2: <see cref="ShardCount"/> tables,
    /// partition per term. 3: <see cref="ShardCount"/> tables, one partition each, the term leading the RowKey.
    /// </summary>
    public const int Layout = 3;

    /// <summary>The one partition of every shard table.</summary>
    public const string Partition = "p";

    /// <summary>A batch transaction holds at most 100 operations.</summary>
    private const int MaxBatch = 100;

    private const int WriteParallelism = 16;

    /// <summary>What every RowKey of <paramref name="term"/> starts with. Terms are letters and digits, so '|' ends one.</summary>
    public static string KeyPrefix(string term) => TableKeys.Escape(term) + "|";

    public static string RowKey(string term, string listRowKey) => KeyPrefix(term) + listRowKey;

    /// <summary>FNV-1a over the term's UTF-16 code units: stable across processes and runtimes, unlike string.GetHashCode.</summary>
    public static int ShardOf(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return (int)(StableHash.Fnv1a(term) % ShardCount);
    }

    public Task AddAsync(IEnumerable<string> terms, string rowKey, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Batches(terms.Select(t => (Term: t, RowKey: rowKey))), Options(cancellationToken), async (batch, ct) =>
            await batch.Table.SubmitTransactionAsync(
                batch.Postings.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, RowKey(p.Term, p.RowKey)))),
                ct).ConfigureAwait(false));

    public Task RemoveAsync(IEnumerable<KeyValuePair<string, string[]>> postings, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Batches(postings.SelectMany(p => p.Value.Select(term => (Term: term, RowKey: p.Key)))), Options(cancellationToken), async (batch, ct) =>
        {
            try
            {
                await batch.Table.SubmitTransactionAsync(
                    batch.Postings.Select(p => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, RowKey(p.Term, p.RowKey)), ETag.All)),
                    ct).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // A save cut off halfway may have removed some already, and one missing row fails the whole batch.
                foreach (var posting in batch.Postings)
                {
                    try
                    {
                        await batch.Table.DeleteEntityAsync(Partition, RowKey(posting.Term, posting.RowKey), ETag.All, ct).ConfigureAwait(false);
                    }
                    catch (RequestFailedException missing) when (missing.Status == 404)
                    {
                    }
                }
            }
        });

    private sealed record Batch(TableClient Table, (string Term, string RowKey)[] Postings);

    private IEnumerable<Batch> Batches(IEnumerable<(string Term, string RowKey)> postings) =>
        postings.GroupBy(p => ShardOf(p.Term)).SelectMany(shard => shard.Chunk(MaxBatch).Select(chunk => new Batch(tables.SearchShards[shard.Key], chunk)));

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = cancellationToken };

    /// <summary>The matches of one page, and where a search that ran out of its request budget should go on from.</summary>
    public sealed record Intersection(List<string> RowKeys, string? ResumeFrom);

    /// <summary>
    /// One list of list RowKeys to join: the rows of <paramref name="Partition"/> whose RowKey starts with
    /// <paramref name="KeyPrefix"/> (the prefix stripped), within <paramref name="Bounds"/> (a RowKey filter that
    /// includes the prefix).
    /// </summary>
    public sealed record PostingList(TableClient Table, string Partition, string KeyPrefix, string Bounds);

    /// <summary>
    /// The list RowKeys present in every list, in order, at most <paramref name="take"/>. Each list is read in RowKey
    /// order; the merge-join moves the lists that are behind up to the furthest one, and a list whose page runs out
    /// while it is still behind seeks (a new range query from the furthest key) instead of reading the rows in
    /// between. After <paramref name="maxRequests"/> reads it stops with what it has and the key to resume from, so a
    /// rare combination of common words cannot make one request expensive.
    /// </summary>
    public static async Task<Intersection> IntersectAsync(
        IReadOnlyList<PostingList> streams, int take, int maxRequests, CancellationToken cancellationToken)
    {
        var budget = new Budget(maxRequests);
        var postings = streams.Select(s => new PostingStream(s, streams.Count == 1 ? take : 1000, budget)).ToArray();
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
    private sealed class PostingStream(PostingList list, int pageSize, Budget budget)
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
            var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {list.Partition}") };
            if (list.Bounds.Length > 0) parts.Add(list.Bounds);
            if (from is not null) parts.Add(TableClient.CreateQueryFilter($"RowKey ge {list.KeyPrefix + from}"));
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
                var pages = list.Table.QueryAsync<TableEntity>(_filter, maxPerPage: pageSize, select: ["RowKey"], cancellationToken: cancellationToken)
                    .AsPages(_continuation, pageSize);
                await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    _page = [];
                    _continuation = null;
                    break;
                }
                _page = enumerator.Current.Values.Select(e => e.RowKey[list.KeyPrefix.Length..]).ToList();
                _continuation = enumerator.Current.ContinuationToken;
                _index = 0;
            }
            while (_page.Count == 0 && _continuation is not null);
            _index = 0;
            return Current is not null;
        }
    }
}
