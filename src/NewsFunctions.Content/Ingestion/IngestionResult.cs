namespace NewsFunctions.Content.Ingestion;

public enum IngestionStatus
{
    /// <summary>The article was created or updated.</summary>
    Stored,

    /// <summary>The same bytes were already stored by the same parser version: nothing to do.</summary>
    Unchanged,

    /// <summary>The document could not be parsed; the failure is in the ledger and nothing was stored.</summary>
    Failed,
}

/// <summary>What ingesting one document did.</summary>
public sealed record IngestionResult(IngestionStatus Status, string? ArticleId, string? Title = null, string? FailureReason = null, string? FailureDetail = null);

/// <summary>A document to ingest: the container and name it was uploaded under, and the blob's ETag when known.</summary>
public sealed record DocumentRef(string Container, string Name, string? ETag = null);

/// <summary>How an ingest treats what was there before.</summary>
/// <param name="Reparse">Parse even when the same bytes were stored by the same parser version.</param>
/// <param name="KeepArticleId">Keep the id the document's article already has, even if its identity changed (re-indexing).</param>
public sealed record IngestOptions(bool Reparse = false, bool KeepArticleId = false)
{
    public static readonly IngestOptions Default = new();
}
