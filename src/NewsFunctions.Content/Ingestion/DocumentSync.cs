using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsFunctions.Content.Documents;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Ingestion;

/// <summary>How a sweep runs.</summary>
public sealed record SyncOptions
{
    public static readonly SyncOptions Default = new();

    /// <summary>Only report what would be ingested; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Documents ingested at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Blobs per listing request: 5,000 is the most the Blob service returns (and the default).</summary>
    public int PageSize { get; init; } = 5000;

    /// <summary>
    /// Start no new listing page after this long (the timer's run stays inside the host's function timeout). The
    /// summary then says <see cref="SyncSummary.Complete"/> = false; the next run examines the container again.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; }
}

/// <summary>Why a blob needs ingesting.</summary>
public enum SyncReason
{
    /// <summary>The ledger has no row for the blob: the service never recorded it.</summary>
    Unrecorded,

    /// <summary>The ledger's row was written for another version of the blob (another ETag).</summary>
    Changed,
}

/// <summary>What a sweep did with one blob that needed ingesting.</summary>
public enum SyncOutcome
{
    /// <summary>Dry run: it would be ingested.</summary>
    WouldIngest,

    /// <summary>Ingested: its article was created or updated.</summary>
    Stored,

    /// <summary>Re-read: the same bytes the ledger had under another ETag; the ledger now has the new ETag.</summary>
    Unchanged,

    /// <summary>Could not be parsed; recorded as failed with its reason (<c>newsfn failures</c>).</summary>
    Failed,

    /// <summary>Ingesting threw (storage unreachable, say); nothing recorded, so the next run takes it again.</summary>
    Error,

    /// <summary>Deleted between the listing and the download.</summary>
    Gone,
}

/// <summary>One blob a sweep acted on (or, in a dry run, would act on).</summary>
public sealed record SyncItem(string BlobName, SyncReason Reason, SyncOutcome Outcome, string? ArticleId = null, string? Detail = null);

/// <summary>
/// What a sweep found: every examined blob is counted once, so <see cref="Examined"/> is the sum of the rest.
/// <see cref="ListRequests"/> and <see cref="LedgerRequests"/> are the examination's cost (ingestion's own requests
/// come on top, per ingested document).
/// </summary>
public sealed record SyncSummary(
    long Examined, long AlreadyCurrent, long Stored, long Unchanged, long Failed, long Errors, long Gone, long WouldIngest,
    int ListRequests, int LedgerRequests, bool Complete)
{
    /// <summary>Blobs that went through ingestion and are now recorded (stored, found unchanged, or recorded as failed).</summary>
    public long Ingested => Stored + Unchanged + Failed;
}

/// <summary>
/// The sweep: lists the documents container page by page and ingests, through the same ingestion the blob trigger uses,
/// every blob the ledger has no row for, or whose row was written for another ETag. It heals what the trigger missed
/// (uploads before the trigger existed, events lost in an outage, an app stopped during uploads).
/// <para>
/// Cost: one list request per 5,000 blobs, plus the ledger rows of each page read by key ranges (about one query page
/// per 1,000 rows), plus a download and an ingest per blob taken. Memory: one listing page and its ledger rows.
/// </para>
/// <para>
/// Resumable by re-examination, with no state of its own: a run that stops anywhere leaves every document it ingested
/// recorded in the ledger, so the next run (from the start) finds those current and takes the rest. A continuation
/// marker would save the re-listing, but it is the cheap part (the measured cost is in docs/operations.md), and a
/// marker shared by runs would need coordinating; the ledger already is that record. Concurrent sweeps, and a sweep
/// racing the blob trigger, may ingest the same blob twice: ingestion is idempotent under the article lock, so the
/// result is one article either way.
/// </para>
/// </summary>
public sealed partial class DocumentSync(
    ContentTables tables,
    DocumentLedger ledger,
    IDocumentIngestion ingestion,
    IOptions<ContentOptions> options,
    TimeProvider time,
    ILogger<DocumentSync> logger)
{
    /// <param name="onItem">Called for every blob that needed ingesting, with what became of it; may be called from several threads at once.</param>
    /// <param name="progress">Running totals, after each listing page and each ingested blob.</param>
    public async Task<SyncSummary> RunAsync(SyncOptions syncOptions, Action<SyncItem>? onItem, IProgress<SyncSummary>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(syncOptions);
        ArgumentOutOfRangeException.ThrowIfLessThan(syncOptions.Parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(syncOptions.PageSize, 1);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var container = options.Value.DocumentsContainer;
        var tally = new Tally();
        var started = time.GetTimestamp();
        var complete = true;
        LogStarting(container, syncOptions.DryRun);

        var pages = tables.DocumentsContainer.GetBlobsAsync(new GetBlobsOptions(), cancellationToken).AsPages(pageSizeHint: syncOptions.PageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            tally.ListRequests++;
            var blobs = page.Values;
            var recorded = await ledger.FindManyAsync(container, blobs.Select(b => b.Name), cancellationToken).ConfigureAwait(false);
            tally.LedgerRequests += recorded.Requests;

            var pending = new List<(string Name, SyncReason Reason)>();
            foreach (var blob in blobs)
            {
                if (!recorded.ByBlobName.TryGetValue(blob.Name, out var row))
                    pending.Add((blob.Name, SyncReason.Unrecorded));
                else if (!BlobETags.Same(row.BlobETag, blob.Properties.ETag?.ToString()))
                    pending.Add((blob.Name, SyncReason.Changed));
                else
                    Interlocked.Increment(ref tally.AlreadyCurrent);
            }
            Interlocked.Add(ref tally.Examined, blobs.Count);
            progress?.Report(tally.Snapshot(complete: false));

            if (syncOptions.DryRun)
            {
                foreach (var (name, reason) in pending)
                {
                    tally.Count(SyncOutcome.WouldIngest);
                    onItem?.Invoke(new SyncItem(name, reason, SyncOutcome.WouldIngest));
                }
            }
            else
            {
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = syncOptions.Parallelism, CancellationToken = cancellationToken },
                    async (blob, ct) =>
                    {
                        var item = await IngestAsync(container, blob.Name, blob.Reason, ct).ConfigureAwait(false);
                        tally.Count(item.Outcome);
                        onItem?.Invoke(item);
                        progress?.Report(tally.Snapshot(complete: false));
                    }).ConfigureAwait(false);
            }

            if (syncOptions.TimeBudget is { } budget && time.GetElapsedTime(started) >= budget && page.ContinuationToken is { Length: > 0 })
            {
                complete = false;
                break;
            }
        }

        var summary = tally.Snapshot(complete);
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        LogFinished(container, summary.Examined, summary.AlreadyCurrent, summary.Stored, summary.Unchanged, summary.Failed, summary.Errors, summary.Gone,
            summary.WouldIngest, summary.ListRequests, summary.LedgerRequests, summary.Complete, seconds);
        return summary;
    }

    /// <summary>Downloads the blob and hands it to ingestion with the ETag of the bytes read (so the ledger records exactly those).</summary>
    private async Task<SyncItem> IngestAsync(string container, string name, SyncReason reason, CancellationToken cancellationToken)
    {
        try
        {
            var download = await tables.DocumentsContainer.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var content = download.Value.Content.ConfigureAwait(false);
            var result = await ingestion.IngestAsync(new DocumentRef(container, name, download.Value.Details.ETag.ToString()), download.Value.Content, cancellationToken).ConfigureAwait(false);
            return result.Status switch
            {
                IngestionStatus.Stored => new SyncItem(name, reason, SyncOutcome.Stored, result.ArticleId),
                IngestionStatus.Unchanged => new SyncItem(name, reason, SyncOutcome.Unchanged, result.ArticleId),
                _ => new SyncItem(name, reason, SyncOutcome.Failed, Detail: $"{result.FailureReason}: {result.FailureDetail}"),
            };
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new SyncItem(name, reason, SyncOutcome.Gone);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // One document's storage error does not stop the sweep; it stays unrecorded, and the next run retries it.
            LogError(e, name);
            return new SyncItem(name, reason, SyncOutcome.Error, Detail: e.Message);
        }
    }

    private sealed class Tally
    {
        public long Examined, AlreadyCurrent, Stored, Unchanged, Failed, Errors, Gone, WouldIngest;
        public int ListRequests, LedgerRequests;

        public void Count(SyncOutcome outcome)
        {
            switch (outcome)
            {
                case SyncOutcome.WouldIngest: Interlocked.Increment(ref WouldIngest); break;
                case SyncOutcome.Stored: Interlocked.Increment(ref Stored); break;
                case SyncOutcome.Unchanged: Interlocked.Increment(ref Unchanged); break;
                case SyncOutcome.Failed: Interlocked.Increment(ref Failed); break;
                case SyncOutcome.Error: Interlocked.Increment(ref Errors); break;
                case SyncOutcome.Gone: Interlocked.Increment(ref Gone); break;
                default: throw new UnreachableException();
            }
        }

        public SyncSummary Snapshot(bool complete) => new(
            Interlocked.Read(ref Examined), Interlocked.Read(ref AlreadyCurrent), Interlocked.Read(ref Stored), Interlocked.Read(ref Unchanged),
            Interlocked.Read(ref Failed), Interlocked.Read(ref Errors), Interlocked.Read(ref Gone), Interlocked.Read(ref WouldIngest),
            Volatile.Read(ref ListRequests), Volatile.Read(ref LedgerRequests), complete);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeping container {Container} (dry run: {DryRun})")]
    private partial void LogStarting(string container, bool dryRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept container {Container}: {Examined} examined, {AlreadyCurrent} already current, {Stored} stored, " +
        "{Unchanged} unchanged, {Failed} failed, {Errors} errors, {Gone} gone, {WouldIngest} would be ingested; {ListRequests} list and {LedgerRequests} ledger requests; " +
        "complete: {Complete}; {Seconds:0.0} s")]
    private partial void LogFinished(string container, long examined, long alreadyCurrent, long stored, long unchanged, long failed, long errors, long gone,
        long wouldIngest, int listRequests, int ledgerRequests, bool complete, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep could not ingest {BlobName}; the next run tries it again")]
    private partial void LogError(Exception exception, string blobName);
}
