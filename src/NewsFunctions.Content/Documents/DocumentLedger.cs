using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Documents;

/// <summary>The <c>documents</c> table: one row per uploaded document, stored or failed.</summary>
public sealed class DocumentLedger(ContentTables tables)
{
    public async Task<DocumentRecord?> FindAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await tables.Documents.GetEntityIfExistsAsync<DocumentRecord>(
            TableKeys.Escape(container), TableKeys.Escape(blobName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    public async Task RecordAsync(string container, DocumentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        record.PartitionKey = TableKeys.Escape(container);
        record.RowKey = TableKeys.Escape(record.BlobName);
        await tables.Documents.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records that the host gave up on a document (its blob trigger failed every try and went to the poison queue),
    /// keeping the article it made before, if any, so <c>newsfn failures</c> lists it and <c>newsfn requeue</c> retries it.
    /// </summary>
    public async Task RecordPoisonedAsync(string container, string blobName, string? etag, CancellationToken cancellationToken)
    {
        var record = await FindAsync(container, blobName, cancellationToken).ConfigureAwait(false) ?? new DocumentRecord { BlobName = blobName };
        record.Status = nameof(DocumentStatus.Failed);
        record.Reason = "Poisoned";
        record.Detail = "Ingestion failed on every try and the host gave up (poison queue). The logs of those tries give the errors.";
        record.BlobETag = etag;
        record.ProcessedAt = DateTimeOffset.UtcNow;
        await RecordAsync(container, record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The ledger rows of many blobs of one container (a page of a listing), read by RowKey ranges instead of one point
    /// read per blob: one query page per 1,000 rows in the common case. Bounded memory: only the rows of these blobs are
    /// kept. RowKeys are escaped blob names (<see cref="TableKeys.Escape"/>), and escaping does not keep the order
    /// ('/' becomes "%2F", which sorts before '-'), so the escaped keys are sorted on their own and the range runs from
    /// the smallest to the largest. Rows of other blobs inside the range (blobs of other listing pages whose escaped keys
    /// fall between) are skipped; a query page with no wanted row starts a new range at the next wanted key (a seek),
    /// so a gap costs one page, not every row in it. A key the ranges miss (were the service to order keys otherwise)
    /// only looks unrecorded: the caller re-ingests that blob, which ingestion finds unchanged.
    /// </summary>
    public async Task<LedgerLookup> FindManyAsync(string container, IEnumerable<string> blobNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobNames);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var names = blobNames.ToList();
        // Truncated keys (names of more than 400 characters) can be shared: distinct, then ordinal, as the service sorts.
        var keys = names.Select(TableKeys.Escape).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var rows = new Dictionary<string, DocumentRecord>(StringComparer.Ordinal);
        var partition = TableKeys.Escape(container);
        int requests = 0, rowsRead = 0, next = 0;
        while (next < keys.Count)
        {
            var from = keys[next];
            var to = keys[^1];
            var seek = false;
            var pages = tables.Documents.QueryAsync<DocumentRecord>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey le {to}"),
                maxPerPage: RangePageSize, select: LookupColumns, cancellationToken: cancellationToken).AsPages();
            await foreach (var page in pages.ConfigureAwait(false))
            {
                requests++;
                rowsRead += page.Values.Count;
                var matched = 0;
                foreach (var row in page.Values)
                {
                    if (wanted.Contains(row.RowKey) && rows.TryAdd(row.RowKey, row))
                        matched++;
                    // Keys at or before this row were answered (found, or absent from the ledger).
                    while (next < keys.Count && string.CompareOrdinal(keys[next], row.RowKey) <= 0)
                        next++;
                }
                if (next >= keys.Count)
                    break;
                // A full page of other blobs' rows: the next wanted key may be far on; seek to it. (An empty page with a
                // continuation token is the service pausing, not a gap: follow it.)
                if (matched == 0 && page.Values.Count > 0 && page.ContinuationToken is not null)
                {
                    seek = true;
                    break;
                }
            }
            if (!seek)
                break;
        }

        var byName = new Dictionary<string, DocumentRecord>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            // A row under a shared (truncated) key belongs to the blob it names.
            if (rows.TryGetValue(TableKeys.Escape(name), out var row) && row.BlobName == name)
                byName[name] = row;
        }
        return new LedgerLookup(byName, requests, rowsRead);
    }

    /// <summary>
    /// Records that the document's bytes are now under another blob ETag (re-uploaded unchanged), so a sweep of the
    /// container does not take it again. <paramref name="record"/> is a whole row as <see cref="FindAsync"/> read it; the
    /// update is conditional on it, so a newer record written meanwhile wins.
    /// </summary>
    public async Task RecordETagAsync(DocumentRecord record, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.BlobETag = etag;
        try
        {
            await tables.Documents.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another ingest recorded the document since it was read; its record is the newer one.
        }
    }

    /// <summary>Rows per range query page: the most the Table service returns at once. Smaller in tests, to make seeks happen.</summary>
    internal int RangePageSize { get; set; } = 1000;

    private static readonly string[] LookupColumns = [nameof(DocumentRecord.RowKey), nameof(DocumentRecord.BlobName), nameof(DocumentRecord.BlobETag), nameof(DocumentRecord.Status)];

    /// <summary>Every document the ledger knows, in key order (so a run can be followed and resumed).</summary>
    public async IAsyncEnumerable<DocumentRecord> GetAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var record in tables.Documents.QueryAsync<DocumentRecord>(cancellationToken: cancellationToken).ConfigureAwait(false))
            yield return record;
    }

    /// <summary>Documents that could not be parsed, with their reasons, across all containers.</summary>
    public async IAsyncEnumerable<DocumentRecord> GetFailuresAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var failed = nameof(DocumentStatus.Failed);
        await foreach (var record in tables.Documents.QueryAsync<DocumentRecord>(TableClient.CreateQueryFilter($"Status eq {failed}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            yield return record;
    }
}

/// <summary>The ledger rows found for a set of blobs, by blob name, and what reading them cost.</summary>
/// <param name="Requests">Query requests (pages) made.</param>
/// <param name="RowsRead">Rows the queries returned, wanted or not.</param>
public sealed record LedgerLookup(IReadOnlyDictionary<string, DocumentRecord> ByBlobName, int Requests, int RowsRead);
