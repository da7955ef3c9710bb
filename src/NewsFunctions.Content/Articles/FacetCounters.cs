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
/// Article counts per category and per source (table <c>facets</c>, PartitionKey = kind, RowKey = escaped name),
/// kept up to date at ingest so listing them is one query, never a count over the articles.
/// Increments are ETag-conditional read-modify-writes, retried on conflict, so concurrent ingests do not lose updates.
/// </summary>
public sealed class FacetCounters(ContentTables tables)
{
    private const int MaxAttempts = 20;

    public async Task<IReadOnlyList<FacetCount>> GetAsync(FacetKind kind, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = kind.ToString();
        var counts = new List<FacetCount>();
        await foreach (var row in tables.Facets.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            select: ["Name", "Count"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var count = row.GetInt64("Count") ?? 0;
            if (count > 0) counts.Add(new FacetCount(row.GetString("Name") ?? row.RowKey, count));
        }
        return counts.OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Applies the change between an article's old and new index partitions to the counts.</summary>
    internal Task ApplyAsync(IEnumerable<string> oldPartitions, IEnumerable<string> newPartitions, CancellationToken cancellationToken)
    {
        var before = oldPartitions.ToHashSet(StringComparer.Ordinal);
        var after = newPartitions.ToHashSet(StringComparer.Ordinal);
        var changes = after.Except(before).Select(p => (p, +1)).Concat(before.Except(after).Select(p => (p, -1)));
        return Task.WhenAll(changes.Select(c => ArticleIndexRow.FacetOf(c.p) is { } facet
            ? AdjustAsync(facet.Kind, facet.Name, c.Item2, cancellationToken)
            : Task.CompletedTask));
    }

    /// <summary>Replaces every count: for an operator rebuilding them from the list index (newsfn recount).</summary>
    public async Task ResetAsync(IEnumerable<(FacetKind Kind, string Name, long Count)> counts, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in tables.Facets.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            await tables.Facets.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        foreach (var (kind, name, count) in counts)
            await tables.Facets.UpsertEntityAsync(Row(kind, name, count), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private async Task AdjustAsync(FacetKind kind, string name, int delta, CancellationToken cancellationToken)
    {
        var partition = kind.ToString();
        var rowKey = TableKeys.Escape(name);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await tables.Facets.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!existing.HasValue)
                {
                    if (delta > 0)
                        await tables.Facets.AddEntityAsync(Row(kind, name, delta), cancellationToken).ConfigureAwait(false);
                    return;
                }
                var row = existing.Value!;
                var count = (row.GetInt64("Count") ?? 0) + delta;
                if (count <= 0)
                    await tables.Facets.DeleteEntityAsync(partition, rowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                else
                    await tables.Facets.UpdateEntityAsync(Row(kind, name, count), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < MaxAttempts)
            {
                // Another ingest changed the count first: read it again.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static TableEntity Row(FacetKind kind, string name, long count) =>
        new(kind.ToString(), TableKeys.Escape(name)) { ["Name"] = name, ["Count"] = count };
}
