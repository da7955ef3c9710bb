using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Storage;
using NewsFunctions.Parsing;
using NewsFunctions.Parsing.Decoding;

namespace NewsFunctions.Content.Ingestion;

/// <summary>Turns uploaded documents into stored articles. The blob trigger and the CLI's import both come through here.</summary>
public interface IDocumentIngestion
{
    /// <summary>Ingests a blob of the documents container, looking up its ETag for the article's provenance.</summary>
    Task<IngestionResult> IngestBlobAsync(string blobName, Stream content, CancellationToken cancellationToken);

    Task<IngestionResult> IngestAsync(DocumentRef document, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a document in the documents container, as an upload would, then ingests it at once instead of waiting
    /// for the blob trigger: the document stays where <c>reindex</c> and <c>requeue</c> read it again. When the host
    /// runs too, its trigger finds the document already stored (<see cref="IngestionStatus.Unchanged"/>), or, firing
    /// at the same moment, stores the same article again (one article either way). A document over the size limit is
    /// recorded as failed and not uploaded.
    /// </summary>
    Task<IngestionResult> ImportAsync(string blobName, Stream content, CancellationToken cancellationToken);

    Task<IngestionResult> IngestAsync(DocumentRef document, Stream content, IngestOptions ingestOptions, CancellationToken cancellationToken);
}

/// <summary>
/// Parse, then store: idempotent (the same bytes twice are a no-op; a changed upload updates the article in place),
/// and a document that cannot be parsed is recorded as failed with its reason, storing nothing. Storage errors are
/// not caught: they propagate so the host retries, and every write here is safe to repeat.
/// </summary>
public sealed partial class DocumentIngestionService(
    DocumentParser parser,
    IArticleStore articles,
    DocumentLedger ledger,
    ContentTables tables,
    IOptions<ContentOptions> options,
    TimeProvider time,
    ILogger<DocumentIngestionService> logger) : IDocumentIngestion
{
    public async Task<IngestionResult> IngestBlobAsync(string blobName, Stream content, CancellationToken cancellationToken)
    {
        var blob = tables.DocumentsContainer.GetBlobClient(blobName);
        var container = options.Value.DocumentsContainer;
        BlobProperties? properties = null;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted since the trigger fired: its content is still in hand, so ingest it without an ETag.
        }
        var etag = properties?.ETag.ToString();
        var bytes = await BoundedReader.ReadAsync(content, MaxBytes, cancellationToken).ConfigureAwait(false);
        // Uploaded again after the host read it: the bytes in hand are an older version (too large, while the current one
        // fits, or another MD5), and recording them under the current ETag would hide the newer one from the sweep (or
        // overwrite its article if its trigger ran first). The current version is ingested instead, read with its ETag.
        var otherVersion = bytes is null ? properties is { } p && p.ContentLength <= MaxBytes : IsOtherVersion(properties, bytes);
        if (otherVersion)
        {
            LogSuperseded(blobName);
            try
            {
                var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                using var current = download.Value;
                return await IngestAsync(new DocumentRef(container, blobName, current.Details.ETag.ToString()), current.Content, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted in between: what is in hand is all there is, ingested without an ETag as for a blob deleted earlier.
                etag = null;
            }
        }
        if (bytes is null)
            return await TooLargeAsync(new DocumentRef(container, blobName, etag), cancellationToken).ConfigureAwait(false);
        return await IngestBytesAsync(new DocumentRef(container, blobName, etag), bytes, IngestOptions.Default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Storage keeps the MD5 of a blob uploaded in one request (Put Blob computes it when the client sends none); a blob
    /// put together from blocks may have none, and then the ETag is taken as naming the bytes in hand.
    /// </summary>
    [SuppressMessage("Security", "CA5351", Justification = "MD5 is the checksum Blob Storage keeps (Content-MD5); it tells versions apart, it protects nothing.")]
    private static bool IsOtherVersion(BlobProperties? properties, byte[] bytes) =>
        properties?.ContentHash is { Length: > 0 } md5 && !md5.AsSpan().SequenceEqual(MD5.HashData(bytes));

    public async Task<IngestionResult> ImportAsync(string blobName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentNullException.ThrowIfNull(content);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Read once, bounded, so the same bytes go to the container and to the parser whatever the stream.
        var bytes = await BoundedReader.ReadAsync(content, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
            return await TooLargeAsync(new DocumentRef(options.Value.DocumentsContainer, blobName), cancellationToken).ConfigureAwait(false);
        var uploaded = await tables.DocumentsContainer.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken).ConfigureAwait(false);
        return await IngestBytesAsync(new DocumentRef(options.Value.DocumentsContainer, blobName, uploaded.Value.ETag.ToString()), bytes, IngestOptions.Default, cancellationToken).ConfigureAwait(false);
    }

    public Task<IngestionResult> IngestAsync(DocumentRef document, Stream content, CancellationToken cancellationToken) =>
        IngestAsync(document, content, IngestOptions.Default, cancellationToken);

    public async Task<IngestionResult> IngestAsync(DocumentRef document, Stream content, IngestOptions ingestOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(ingestOptions);
        ArgumentNullException.ThrowIfNull(content);

        var bytes = await BoundedReader.ReadAsync(content, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
            return await TooLargeAsync(document, cancellationToken).ConfigureAwait(false);
        return await IngestBytesAsync(document, bytes, ingestOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The document's bytes, already read and within the limit: the entry points that hold them skip a copy.</summary>
    private async Task<IngestionResult> IngestBytesAsync(DocumentRef document, byte[] bytes, IngestOptions ingestOptions, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var previous = await ledger.FindAsync(document.Container, document.Name, cancellationToken).ConfigureAwait(false);
        if (!ingestOptions.Reparse && previous is { StatusValue: DocumentStatus.Stored } && previous.ContentHash == hash && previous.ParserVersion == DocumentParser.Version)
        {
            // The same bytes re-uploaded get a new ETag: record it, so a sweep of the container sees the document as current.
            if (document.ETag is not null && !BlobETags.Same(previous.BlobETag, document.ETag))
                await ledger.RecordETagAsync(previous, document.ETag, cancellationToken).ConfigureAwait(false);
            LogUnchanged(document.Name, previous.ArticleId);
            return new IngestionResult(IngestionStatus.Unchanged, previous.ArticleId);
        }

        var parsed = parser.Parse(bytes, document.Name, cancellationToken);
        if (!parsed.Succeeded)
            return await FailAsync(document, previous, hash, bytes.Length, parsed.Failure.Reason.ToString(), parsed.Failure.Detail, cancellationToken).ConfigureAwait(false);

        var id = ingestOptions.KeepArticleId && previous?.ArticleId is { } kept
            ? kept
            : ArticleId.For(parsed.Article, document.Container, document.Name);
        var provenance = new ArticleProvenance(document.Container, document.Name, document.ETag, hash, DocumentParser.Version, time.GetUtcNow());
        var article = Article.From(id, parsed.Article, provenance);
        // A document the ledger has never seen almost always makes a new article: create it without reading first.
        await articles.SaveAsync(article, likelyNew: previous is null, cancellationToken).ConfigureAwait(false);

        // A re-upload whose identity changed (a corrected title or date) replaces the article it made before.
        if (previous?.ArticleId is { } oldId && oldId != id)
            await RemoveIfOwnedAsync(oldId, document, cancellationToken).ConfigureAwait(false);

        await ledger.RecordAsync(document.Container, new DocumentRecord
        {
            BlobName = document.Name,
            Status = nameof(DocumentStatus.Stored),
            ArticleId = id,
            BlobETag = document.ETag,
            ContentHash = hash,
            Size = bytes.Length,
            ParserVersion = DocumentParser.Version,
            ProcessedAt = provenance.IngestedAt,
        }, cancellationToken).ConfigureAwait(false);

        LogStored(id, document.Name, DocumentParser.Version, article.Title);
        return new IngestionResult(IngestionStatus.Stored, id, article.Title);
    }

    private long MaxBytes => Math.Min(options.Value.MaxDocumentBytes, parser.Options.MaxDocumentBytes);

    private async Task<IngestionResult> TooLargeAsync(DocumentRef document, CancellationToken cancellationToken)
    {
        var before = await ledger.FindAsync(document.Container, document.Name, cancellationToken).ConfigureAwait(false);
        return await FailAsync(document, before, "", 0, nameof(ParseFailureReason.TooLarge),
            $"The document is larger than the limit of {MaxBytes} bytes.", cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveIfOwnedAsync(string articleId, DocumentRef document, CancellationToken cancellationToken)
    {
        var old = await articles.FindAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (old is not null && old.Provenance.Container == document.Container && old.Provenance.BlobName == document.Name)
            await articles.DeleteAsync(articleId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the failure, keeping the article the document made before (still served), so a fixed upload replaces it.</summary>
    private async Task<IngestionResult> FailAsync(DocumentRef document, DocumentRecord? previous, string hash, long size, string reason, string detail, CancellationToken cancellationToken)
    {
        await ledger.RecordAsync(document.Container, new DocumentRecord
        {
            BlobName = document.Name,
            Status = nameof(DocumentStatus.Failed),
            ArticleId = previous?.ArticleId,
            Reason = reason,
            Detail = detail,
            BlobETag = document.ETag,
            ContentHash = hash,
            Size = size,
            ParserVersion = DocumentParser.Version,
            ProcessedAt = time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        LogFailed(document.Name, DocumentParser.Version, reason, detail);
        return new IngestionResult(IngestionStatus.Failed, null, FailureReason: reason, FailureDetail: detail);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored article {ArticleId} from {BlobName} with parser {ParserVersion}: {Title}")]
    private partial void LogStored(string articleId, string blobName, string parserVersion, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {BlobName} was uploaded again after the trigger read it; ingesting its current version")]
    private partial void LogSuperseded(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {BlobName} is unchanged since it was stored as article {ArticleId}")]
    private partial void LogUnchanged(string blobName, string? articleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {BlobName} could not be parsed by parser {ParserVersion}: {Reason}: {Detail}")]
    private partial void LogFailed(string blobName, string parserVersion, string reason, string detail);
}
