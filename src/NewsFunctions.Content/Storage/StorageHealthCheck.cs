using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace NewsFunctions.Content.Storage;

/// <summary>The outcome of a health check: each check's "ok" or a short reason it failed.</summary>
public sealed record StorageHealth(bool Healthy, IReadOnlyDictionary<string, string> Checks)
{
    public const string Ok = "ok";
}

/// <summary>
/// Checks that the app's storage answers: one single-row read of the articles table and an existence check of
/// the documents container, both bounded by <see cref="Timeout"/>. Nothing is written beyond what any first
/// request does (creating the tables and container if missing), so a fresh deployment is not reported unhealthy.
/// </summary>
public sealed partial class StorageHealthCheck(ContentTables tables, ILogger<StorageHealthCheck> logger)
{
    public const string Tables = "tables";
    public const string Blobs = "blobs";

    /// <summary>Short enough for a load balancer's probe; storage that takes longer is not healthy.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public async Task<StorageHealth> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);

        var checks = await Task.WhenAll(
            RunAsync(Tables, ReadOneArticleRowAsync, timeout.Token, cancellationToken),
            RunAsync(Blobs, DocumentsContainerExistsAsync, timeout.Token, cancellationToken)).ConfigureAwait(false);
        var results = checks.ToDictionary(c => c.Name, c => c.Result, StringComparer.Ordinal);
        return new StorageHealth(results.Values.All(r => r == StorageHealth.Ok), results);
    }

    private async Task ReadOneArticleRowAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var pages = tables.Articles.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1);
        await foreach (var _ in pages.ConfigureAwait(false))
            break; // the first page answers the question
    }

    private async Task DocumentsContainerExistsAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (!(await tables.DocumentsContainer.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
            throw new InvalidOperationException($"The documents container '{tables.DocumentsContainer.Name}' does not exist.");
    }

    private async Task<(string Name, string Result)> RunAsync(string name, Func<CancellationToken, Task> check, CancellationToken timeout, CancellationToken request)
    {
        try
        {
            await check(timeout).ConfigureAwait(false);
            return (name, StorageHealth.Ok);
        }
        catch (OperationCanceledException) when (!request.IsCancellationRequested)
        {
            LogTimedOut(logger, name, Timeout.TotalSeconds);
            return (name, $"timed out after {Timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (!request.IsCancellationRequested)
        {
            // Any failure (storage, network, identity) is the answer to the check, not an error of the endpoint.
            LogFailed(logger, e, name);
            return (name, Reason(e));
        }
    }

    /// <summary>The gist, not the whole exception: the endpoint is anonymous, and storage messages carry request details.</summary>
    private static string Reason(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } r => $"storage answered {r.Status}{(r.ErrorCode is null ? "" : " " + r.ErrorCode)}",
        AggregateException { InnerException: { } inner } => Reason(inner),
        RequestFailedException { InnerException: { } inner } => Reason(inner),
        _ => FirstLine(e.Message),
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage health check '{Check}' timed out after {Seconds} s.")]
    private static partial void LogTimedOut(ILogger logger, string check, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage health check '{Check}' failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string check);
}
