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
/// count over the articles. Table <c>facets</c>, one partition per kind: a counter row (<c>n|name</c>) and one
/// membership row per counted article (<c>m|name|id</c>). A count changes only in a transaction with its membership
/// row, so counting an article twice, or uncounting one that was never counted, is impossible: retries and
/// concurrent ingests cannot skew the numbers. The counter update is ETag-conditional and retried on conflict.
/// </summary>
public sealed class FacetCounters(ContentTables tables)
{
    private const int MaxAttempts = 30;

    public async Task<IReadOnlyList<FacetCount>> GetAsync(FacetKind kind, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = kind.ToString();
        var counts = new List<FacetCount>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"n|"} and RowKey lt {"n}"}");
        await foreach (var row in tables.Facets.QueryAsync<TableEntity>(filter, select: ["Name", "Count"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var count = row.GetInt64("Count") ?? 0;
            if (count > 0) counts.Add(new FacetCount(row.GetString("Name") ?? "", count));
        }
        return counts.OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Makes sure the article is counted under each facet. Idempotent.</summary>
    internal Task CountAsync(string articleId, IEnumerable<(FacetKind Kind, string Name)> facets, CancellationToken cancellationToken) =>
        Task.WhenAll(facets.Distinct().Select(f => ChangeAsync(f.Kind, f.Name, articleId, counted: true, cancellationToken)));

    /// <summary>Makes sure the article is not counted under each facet. Idempotent.</summary>
    internal Task UncountAsync(string articleId, IEnumerable<(FacetKind Kind, string Name)> facets, CancellationToken cancellationToken) =>
        Task.WhenAll(facets.Distinct().Select(f => ChangeAsync(f.Kind, f.Name, articleId, counted: false, cancellationToken)));

    private async Task ChangeAsync(FacetKind kind, string name, string articleId, bool counted, CancellationToken cancellationToken)
    {
        var partition = kind.ToString();
        var escaped = TableKeys.Escape(name);
        var membership = new TableEntity(partition, "m|" + escaped + "|" + articleId);
        for (var attempt = 1; ; attempt++)
        {
            var response = await tables.Facets.GetEntityIfExistsAsync<TableEntity>(partition, "n|" + escaped, cancellationToken: cancellationToken).ConfigureAwait(false);
            var counter = response.HasValue ? response.Value : null;
            var count = counter?.GetInt64("Count") ?? 0;
            var actions = new List<TableTransactionAction>(2);
            if (counted)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, membership));
                var next = new TableEntity(partition, "n|" + escaped) { ["Name"] = name, ["Count"] = count + 1 };
                actions.Add(counter is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, next)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, counter.ETag));
            }
            else
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, membership, ETag.All));
                if (counter is not null)
                {
                    actions.Add(count > 1
                        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(partition, "n|" + escaped) { ["Name"] = name, ["Count"] = count - 1 }, counter.ETag)
                        : new TableTransactionAction(TableTransactionActionType.Delete, counter, counter.ETag));
                }
            }

            try
            {
                await tables.Facets.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
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
}
