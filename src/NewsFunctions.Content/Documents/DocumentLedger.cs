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
