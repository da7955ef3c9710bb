using Azure;
using Microsoft.Extensions.Logging;
using NewsFunctions.Content.Documents;
using NewsFunctions.Parsing;

namespace NewsFunctions.Content.Ingestion;

/// <summary>Which documents a re-index run takes.</summary>
public enum ReindexScope
{
    /// <summary>Documents an older parser version handled.</summary>
    Outdated,

    /// <summary>Every document.</summary>
    All,

    /// <summary>Documents that failed, for another try after a fix.</summary>
    Failed,
}

/// <summary>What a re-index run did.</summary>
public sealed record ReindexSummary(int Examined, int Reparsed, int Failed, int Skipped, int Missing);

/// <summary>
/// Re-parses stored documents with the current parser: those an older parser version handled, or all of them.
/// Articles keep their ids. A run can stop anywhere and start again: documents already at the current version
/// are skipped, and every ingest is idempotent.
/// </summary>
public sealed partial class Reindexer(DocumentLedger ledger, IDocumentIngestion ingestion, Storage.StorageClients storage, ILogger<Reindexer> logger)
{
    public async Task<ReindexSummary> RunAsync(ReindexScope scope, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        int examined = 0, reparsed = 0, failed = 0, skipped = 0, missing = 0;
        await foreach (var record in ledger.GetAllAsync(cancellationToken).ConfigureAwait(false))
        {
            examined++;
            progress?.Report(examined);
            var wanted = scope switch
            {
                ReindexScope.Outdated => record.ParserVersion != DocumentParser.Version,
                ReindexScope.Failed => record.StatusValue == DocumentStatus.Failed,
                _ => true,
            };
            if (!wanted)
            {
                skipped++;
                continue;
            }
            var container = storage.Blobs.GetBlobContainerClient(record.PartitionKey);
            Stream content;
            string? etag;
            try
            {
                var download = await container.GetBlobClient(record.BlobName).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                content = download.Value.Content;
                etag = download.Value.Details.ETag.ToString();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                missing++;
                LogMissing(record.PartitionKey, record.BlobName);
                continue;
            }
            await using (content.ConfigureAwait(false))
            {
                var result = await ingestion.IngestAsync(new DocumentRef(record.PartitionKey, record.BlobName, etag), content,
                    new IngestOptions(Reparse: true, KeepArticleId: true), cancellationToken).ConfigureAwait(false);
                if (result.Status == IngestionStatus.Failed) failed++;
                else reparsed++;
            }
        }
        return new ReindexSummary(examined, reparsed, failed, skipped, missing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot re-index {Container}/{BlobName}: the blob is gone")]
    private partial void LogMissing(string container, string blobName);
}
