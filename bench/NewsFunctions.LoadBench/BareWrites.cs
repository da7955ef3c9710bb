using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Data.Tables;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.Content.Search;
using NewsFunctions.Content.Storage;
using NewsFunctions.Parsing;

namespace NewsFunctions.LoadBench;

/// <summary>
/// The entities an ingest of the documents writes (article entity, list-index rows, search postings, facet
/// membership and counter rows, ledger rows), computed with the store's own helpers, then written bare: batched
/// upserts of up to 100 per partition, one batch per partition chunk, no reads, no parsing while timed.
/// </summary>
internal static class BareWrites
{
    private const int MaxBatch = 100;

    public sealed record Batch(TableClient Table, IReadOnlyList<TableEntity> Entities);

    public static List<Batch> Plan(ContentTables tables, string container, IEnumerable<LoadDocument> documents)
    {
        var parser = new DocumentParser();
        var groups = new Dictionary<(string Table, string Partition), List<TableEntity>>();
        var clients = tables.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var counts = new Dictionary<(FacetKind, string), long>();
        void Add(TableClient table, TableEntity entity)
        {
            if (!groups.TryGetValue((table.Name, entity.PartitionKey), out var list))
                groups[(table.Name, entity.PartitionKey)] = list = [];
            list.Add(entity);
        }

        foreach (var document in documents)
        {
            var parsed = parser.Parse(document.Content, document.Name);
            if (!parsed.Succeeded) throw new InvalidOperationException($"{document.Name}: {parsed.Failure.Reason}");
            var hash = Convert.ToHexStringLower(SHA256.HashData(document.Content));
            var id = ArticleId.For(parsed.Article, container, document.Name);
            var article = Article.From(id, parsed.Article, new ArticleProvenance(container, document.Name, null, hash, DocumentParser.Version, DateTimeOffset.UtcNow));
            var storedAt = article.Provenance.IngestedAt;
            var rows = ArticleIndexRow.RowsFor(article, storedAt).ToArray();
            var keys = rows.Select(r => (r.PartitionKey, r.RowKey)).ToArray();
            var terms = SearchTerms.ForArticle(article.Title, article.Paragraphs);
            var state = IndexState.None.Next(keys, terms) with { Complete = true };

            var entity = ArticleEntity.ToEntity(article, state);
            entity["StoredAt"] = storedAt;
            Add(tables.Articles, entity);
            foreach (var row in rows)
                Add(tables.IndexTableFor(row.PartitionKey), ToEntity(row));
            var rowKey = ArticleIndexRow.RowKeyFor(article.Id, article.PublishedAt, storedAt);
            foreach (var term in terms)
                Add(tables.SearchShardFor(term), new TableEntity(SearchIndex.Partition, SearchIndex.RowKey(term, rowKey)));
            foreach (var facet in keys.Select(k => ArticleIndexRow.FacetOf(k.PartitionKey)).OfType<(FacetKind Kind, string Name)>().Distinct())
            {
                Add(tables.Facets, new TableEntity(facet.Kind.ToString(), "m|" + TableKeys.Escape(facet.Name) + "|" + id));
                counts[facet] = counts.GetValueOrDefault(facet) + 1;
            }
            Add(tables.Documents, new TableEntity(TableKeys.Escape(container), TableKeys.Escape(document.Name))
            {
                ["BlobName"] = document.Name,
                ["Status"] = nameof(DocumentStatus.Stored),
                ["ArticleId"] = id,
                ["ContentHash"] = hash,
                ["Size"] = (long)document.Content.Length,
                ["ParserVersion"] = DocumentParser.Version,
                ["ProcessedAt"] = DateTimeOffset.UtcNow,
            });
        }
        foreach (var ((kind, name), count) in counts)
            Add(tables.Facets, new TableEntity(kind.ToString(), FacetCounters.CounterKey(0, name)) { ["Name"] = name, ["Count"] = count });

        var batches = new List<Batch>();
        foreach (var ((table, _), entities) in groups)
            for (var i = 0; i < entities.Count; i += MaxBatch)
                batches.Add(new Batch(clients[table], entities.GetRange(i, Math.Min(MaxBatch, entities.Count - i))));
        // Interleave tables and partitions rather than write one table after another.
        return batches.OrderBy(b => b.Entities[0].RowKey.GetHashCode(StringComparison.Ordinal) ^ b.Entities[0].PartitionKey.GetHashCode(StringComparison.Ordinal)).ToList();
    }

    public static async Task<TimeSpan> WriteAsync(IReadOnlyList<Batch> batches, int parallelism, Action<int>? progress, CancellationToken cancellationToken)
    {
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            if (batch.Entities.Count == 1)
                await batch.Table.UpsertEntityAsync(batch.Entities[0], TableUpdateMode.Replace, ct).ConfigureAwait(false);
            else
                await batch.Table.SubmitTransactionAsync(batch.Entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct).ConfigureAwait(false);
            progress?.Invoke(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
        return watch.Elapsed;
    }

    private static TableEntity ToEntity(ArticleIndexRow row) => new(row.PartitionKey, row.RowKey)
    {
        ["Id"] = row.Id,
        ["Title"] = row.Title,
        ["PublishedAt"] = row.PublishedAt,
        ["Source"] = row.Source,
        ["Categories"] = row.Categories,
        ["SiteName"] = row.SiteName,
        ["Summary"] = row.Summary,
    };
}
