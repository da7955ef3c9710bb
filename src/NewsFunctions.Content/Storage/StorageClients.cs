using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace NewsFunctions.Content.Storage;

/// <summary>
/// The storage account the app talks to, read from the same setting the Functions host uses for its triggers
/// (<c>AzureWebJobsStorage</c>): either a connection string (Azurite: <c>UseDevelopmentStorage=true</c>) or an
/// identity-based section (<c>__accountName</c> or <c>__blobServiceUri</c>/<c>__tableServiceUri</c>/<c>__queueServiceUri</c>,
/// optional <c>__clientId</c>).
/// </summary>
public sealed class StorageClients(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues)
{
    public const string ConnectionName = "AzureWebJobsStorage";

    public TableServiceClient Tables { get; } = tables;
    public BlobServiceClient Blobs { get; } = blobs;

    /// <summary>Queues, for the one the Functions host reads and the app creates ahead of it (the blob trigger's poison queue).</summary>
    public QueueServiceClient Queues { get; } = queues;

    public static StorageClients FromConfiguration(IConfiguration configuration, TableClientOptions? tableOptions = null, BlobClientOptions? blobOptions = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        tableOptions ??= WithRetries(new TableClientOptions());
        blobOptions ??= WithRetries(new BlobClientOptions());
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
            return FromConnectionString(connectionString, tableOptions, blobOptions);

        var section = configuration.GetSection(ConnectionName);
        var account = section["accountName"];
        var blobUri = section["blobServiceUri"] ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var queueUri = section["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        if (blobUri is null || tableUri is null || queueUri is null)
            throw new InvalidOperationException(
                $"Storage is not configured: set '{ConnectionName}' to a connection string, or '{ConnectionName}__accountName' (with '{ConnectionName}__clientId' for a user-assigned identity).");

        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new StorageClients(
            new TableServiceClient(new Uri(tableUri), credential, tableOptions),
            new BlobServiceClient(new Uri(blobUri), credential, blobOptions),
            new QueueServiceClient(new Uri(queueUri), credential, WithRetries(new QueueClientOptions())));
    }

    public static StorageClients FromConnectionString(string connectionString, TableClientOptions? tableOptions = null, BlobClientOptions? blobOptions = null) =>
        new(new TableServiceClient(connectionString, tableOptions ?? WithRetries(new TableClientOptions())),
            new BlobServiceClient(connectionString, blobOptions ?? WithRetries(new BlobClientOptions())),
            new QueueServiceClient(connectionString, WithRetries(new QueueClientOptions())));

    /// <summary>
    /// Transient errors (503, 500, timeouts, dropped connections) are retried with exponential backoff and jitter:
    /// five tries spread over about ten seconds, well inside one function invocation. What still fails then
    /// propagates, and the Functions host retries the whole document.
    /// </summary>
    public static T WithRetries<T>(T options) where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
