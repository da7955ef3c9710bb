using Azure;
using Azure.Data.Tables;

namespace NewsFunctions.Content.Documents;

public enum DocumentStatus
{
    /// <summary>Parsed and stored as the article <see cref="DocumentRecord.ArticleId"/>.</summary>
    Stored,

    /// <summary>Could not be parsed; <see cref="DocumentRecord.Reason"/> says why. Nothing was stored for it.</summary>
    Failed,
}

/// <summary>
/// The ledger row for one uploaded document (table <c>documents</c>, PartitionKey = container, RowKey = escaped blob
/// name): what became of it, so operators can list failures and ingestion can tell a repeat from a change.
/// </summary>
public sealed class DocumentRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BlobName { get; set; } = "";
    public string Status { get; set; } = nameof(DocumentStatus.Failed);
    public string? ArticleId { get; set; }
    public string? Reason { get; set; }
    public string? Detail { get; set; }
    public string? BlobETag { get; set; }
    public string ContentHash { get; set; } = "";
    public long Size { get; set; }
    public string ParserVersion { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }

    public DocumentStatus StatusValue => Enum.TryParse<DocumentStatus>(Status, out var status) ? status : DocumentStatus.Failed;
}
