using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Articles;

/// <summary>A category or source and how many articles have it.</summary>
public sealed record FacetCount(string Name, long Count);

public enum FacetKind
{
    Category,
    Source,
}

/// <summary>
/// Article counts per category and per source, kept up to date at ingest so listing them is one query, never a
/// count over the articles. Table <c>facets</c>, one partition per kind: one membership row per counted article
/// (<c>m|name|id</c>) and the count, split over <see cref="CounterShards"/> counter rows (<c>n|name|shard</c>) whose
/// sum it is, all in one key range apart from the memberships, so a listing is one range query. A count changes only
/// in a transaction with its membership row, so counting an article twice, or uncounting one that was never counted,
/// is impossible: retries and concurrent ingests cannot skew the numbers. The counter update is ETag-conditional and
/// retried on conflict; each change picks a shard at random, so saves of articles in one busy category rarely contend
/// for the same row (with a single row, 226 of 2,026 changes failed and retried at 8 saves in flight; with 8, 50 of 1,286). A shard may go below zero when an article is uncounted on another shard than it was
/// counted on; only the sum means anything, and rows whose sum is 0 stay. Rows of the earlier single-row layout
/// (<c>n|name</c>, in the same range) are summed too; instances of that version must stop before this one runs, or
/// an uncount of theirs that finds no such row leaves its count one too high.
/// </summary>
public sealed class FacetCounters(ContentTables tables)
{
    private const int MaxAttempts = 30;

    /// <summary>A filter may hold 15 comparisons: the partition, a range and a dozen counter keys.</summary>
    private const int MaxFacetsPerTransaction = 12;

    public const int CounterShards = 8;

    public async Task<IReadOnlyList<FacetCount>> GetAsync(FacetKind kind, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = kind.ToString();
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"n|"} and RowKey lt {"n}"}");
        await foreach (var row in tables.Facets.QueryAsync<TableEntity>(filter, select: ["Name", "Count"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var name = row.GetString("Name") ?? "";
            sums[name] = sums.GetValueOrDefault(name) + (row.GetInt64("Count") ?? 0);
        }
        return sums.Where(s => s.Value > 0).Select(s => new FacetCount(s.Key, s.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Makes sure the article is counted under each facet. Idempotent.</summary>
    internal Task CountAsync(string articleId, IEnumerable<(FacetKind Kind, string Name)> facets, CancellationToken cancellationToken) =>
        ChangeAllAsync(articleId, facets, counted: true, cancellationToken);

    /// <summary>Makes sure the article is not counted under each facet. Idempotent.</summary>
    internal Task UncountAsync(string articleId, IEnumerable<(FacetKind Kind, string Name)> facets, CancellationToken cancellationToken) =>
        ChangeAllAsync(articleId, facets, counted: false, cancellationToken);

    /// <summary>
    /// The facets of one kind share a partition, so they change together: one query for their counters and one
    /// transaction for all their membership rows and counters (an article's category path is two or three facets).
    /// When that transaction fails (a counter changed meanwhile, or a membership was already there), nothing of it
    /// was applied, and each facet is changed on its own, with its own retries.
    /// </summary>
    private Task ChangeAllAsync(string articleId, IEnumerable<(FacetKind Kind, string Name)> facets, bool counted, CancellationToken cancellationToken) =>
        Task.WhenAll(facets.Distinct().GroupBy(f => f.Kind).SelectMany(kind =>
            kind.Select(f => f.Name).Chunk(MaxFacetsPerTransaction).Select(names => names.Length == 1
                ? ChangeAsync(kind.Key, names[0], articleId, counted, cancellationToken)
                : ChangeTogetherAsync(kind.Key, names, articleId, counted, cancellationToken))));

    private async Task ChangeTogetherAsync(FacetKind kind, string[] names, string articleId, bool counted, CancellationToken cancellationToken)
    {
        var partition = kind.ToString();
        var shard = Random.Shared.Next(CounterShards);
        // The range keeps the service from scanning the partition (its membership rows) for the listed keys.
        var keys = names.Select(n => CounterKey(shard, n)).Order(StringComparer.Ordinal).ToArray();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {keys[0]} and RowKey le {keys[^1]}")
            + " and (" + string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
        var counters = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in tables.Facets.QueryAsync<TableEntity>(filter, maxPerPage: names.Length, cancellationToken: cancellationToken).ConfigureAwait(false))
            counters[row.RowKey] = row;

        var actions = names.SelectMany(n => Actions(partition, shard, n, articleId, counted, counters.GetValueOrDefault(CounterKey(shard, n)))).ToList();
        try
        {
            await tables.Facets.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            await Task.WhenAll(names.Select(n => ChangeAsync(kind, n, articleId, counted, cancellationToken))).ConfigureAwait(false);
        }
    }

    private async Task ChangeAsync(FacetKind kind, string name, string articleId, bool counted, CancellationToken cancellationToken)
    {
        var partition = kind.ToString();
        for (var attempt = 1; ; attempt++)
        {
            var shard = Random.Shared.Next(CounterShards);
            var response = await tables.Facets.GetEntityIfExistsAsync<TableEntity>(partition, CounterKey(shard, name), cancellationToken: cancellationToken).ConfigureAwait(false);
            var counter = response.HasValue ? response.Value : null;
            try
            {
                await tables.Facets.SubmitTransactionAsync(Actions(partition, shard, name, articleId, counted, counter), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status is 409 or 404)
            {
                return; // Already counted (the membership exists) or already uncounted (it does not).
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < MaxAttempts)
            {
                // Another ingest changed the counter first: read it again.
                await Task.Delay(Random.Shared.Next(2, 10 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Always ends in "|" and one digit, so two names never share a key.</summary>
    internal static string CounterKey(int shard, string name) => FormattableString.Invariant($"n|{TableKeys.Escape(name)}|{shard}");

    /// <summary>The membership row first (so a failure at index 0 means "already done"), then the counter shard's change.</summary>
    private static IEnumerable<TableTransactionAction> Actions(string partition, int shard, string name, string articleId, bool counted, TableEntity? counter)
    {
        var membership = new TableEntity(partition, "m|" + TableKeys.Escape(name) + "|" + articleId);
        yield return counted
            ? new TableTransactionAction(TableTransactionActionType.Add, membership)
            : new TableTransactionAction(TableTransactionActionType.Delete, membership, ETag.All);
        var next = new TableEntity(partition, CounterKey(shard, name)) { ["Name"] = name, ["Count"] = (counter?.GetInt64("Count") ?? 0) + (counted ? 1 : -1) };
        yield return counter is null
            ? new TableTransactionAction(TableTransactionActionType.Add, next)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, counter.ETag);
    }
}
