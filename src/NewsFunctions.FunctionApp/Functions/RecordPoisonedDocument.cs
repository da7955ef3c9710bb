using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Documents;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary>
/// When a document fails every try (host.json: extensions.blobs.poisonBlobThreshold), the host puts a message on
/// the poison queue and stops. This records the document as failed where operators look, so nothing is lost silently.
/// </summary>
public sealed class RecordPoisonedDocument(DocumentLedger ledger)
{
    public const string PoisonQueue = "webjobs-blobtrigger-poison";

    [Function(nameof(RecordPoisonedDocument))]
    public Task Run(
        [QueueTrigger(PoisonQueue, Connection = DocumentTriggers.Connection)] PoisonBlobMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ledger.RecordPoisonedAsync(message.ContainerName, message.BlobName, message.ETag, cancellationToken);
    }
}

/// <summary>The message the blob trigger writes to the poison queue.</summary>
public sealed record PoisonBlobMessage(string? FunctionId, string ContainerName, string BlobName, string? ETag);
