using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsFunctions.FunctionApp;

/// <summary>
/// Creates the blob trigger's poison queue when the worker starts. Until it exists, the host's listener for
/// RecordPoisonedDocument gets a 404 on every poll and Azure.Core logs each as a warning (15 in 30 s on a fresh
/// Azurite); warnings are kept, so real storage trouble still shows. Runs in the background: a start is never held
/// up, or stopped, by storage that is slow or down (the warning below then says so).
/// </summary>
internal sealed partial class PoisonQueueCreator(QueueClient queue, ILogger<PoisonQueueCreator> logger) : BackgroundService
{
    public string QueueName => queue.Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var created = await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            if (created is not null)
                LogCreated(queue.Name);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Anything (storage down, no role yet, no credential): an exception here would stop the worker.
            LogNotCreated(e, queue.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the poison queue {Queue}")]
    private partial void LogCreated(string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the poison queue {Queue}; the host logs a 404 for it on every poll until it exists")]
    private partial void LogNotCreated(Exception exception, string queue);
}
