using Azure;
using Azure.Storage.Blobs.Specialized;

namespace NewsFunctions.Content.Storage;

/// <summary>
/// Serialises every write to one article (saves and deletes) with a blob lease in the article blobs container. The
/// ETag checks order single writes; the lease orders whole saves, whose derived rows (list index, postings, counts)
/// would otherwise interleave when the same document arrives twice at once. A holder that dies loses the lease when
/// it expires; a long save renews it.
/// <para>
/// Articles share <see cref="StripeCount"/> lock blobs (<c>locks/s0000</c>..) by a stable hash of the id. A blob per
/// article cost every new article two more requests (a failed acquire, then creating the blob); a fixed set of blobs
/// exists after the first few thousand saves of a deployment, so a lock is then one acquire and one release, in
/// every process. Two saves of different articles on one stripe wait for each other (at 8 saves in flight, 136 of
/// 10,000 acquires did). No code path holds two locks at once, so sharing cannot deadlock.
/// </para>
/// </summary>
public sealed class ArticleLocks(ContentTables tables)
{
    public const int StripeCount = 1024;

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(90);

    public async Task<IAsyncDisposable> AcquireAsync(string articleId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = tables.BodiesContainer.GetBlobClient(BlobNameFor(articleId));
        var lease = blob.GetBlobLeaseClient();
        var started = DateTimeOffset.UtcNow;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
                return new Held(lease, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                await CreateAsync(blob, cancellationToken).ConfigureAwait(false); // A stripe's first use.
            }
            catch (RequestFailedException e) when (e.Status == 409 && DateTimeOffset.UtcNow - started < MaxWait)
            {
                // Another save of this article (or of one on the same stripe) holds it: wait for it to finish.
                await Task.Delay(Math.Min(50 * attempt, 1000) + Random.Shared.Next(0, 50), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The lock blob an article's saves and deletes take.</summary>
    public static string BlobNameFor(string articleId)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        return FormattableString.Invariant($"locks/s{StableHash.Fnv1a(articleId) % StripeCount:0000}");
    }

    private static async Task CreateAsync(Azure.Storage.Blobs.BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // There already (and perhaps leased): made by another save or another process.
        }
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly BlobLeaseClient _lease;
        private readonly CancellationTokenSource _stop;
        private readonly Task _renewing;

        public Held(BlobLeaseClient lease, CancellationToken cancellationToken)
        {
            _lease = lease;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _renewing = RenewAsync(_stop.Token);
        }

        private async Task RenewAsync(CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(RenewEvery, cancellationToken).ConfigureAwait(false);
                    await _lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (RequestFailedException)
            {
                // Lost the lease (storage unreachable): the save's own ETag-conditional writes still guard the entity.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _renewing.ConfigureAwait(false);
            _stop.Dispose();
            try
            {
                await _lease.ReleaseAsync().ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // Expired or storage unreachable: the lease runs out by itself.
            }
        }
    }
}
