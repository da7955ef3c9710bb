using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Ingestion;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary>
/// Polling blob trigger: runs locally against Azurite and on plans that poll. Compiled only into the Polling build
/// (<c>dotnet build</c>, the default); Flex Consumption gets the EventGrid build, with IngestDocumentFromEventGrid instead.
/// </summary>
public sealed class IngestDocument(IDocumentIngestion ingestion)
{
    [Function(nameof(IngestDocument))]
    public async Task Run(
        [BlobTrigger(DocumentTriggers.Path, Connection = DocumentTriggers.Connection)] Stream document,
        string name,
        CancellationToken cancellationToken)
    {
        // A document that cannot be parsed is recorded by the service and returns normally;
        // storage errors propagate so the host retries (and, after five tries, poisons the blob).
        await ingestion.IngestBlobAsync(name, document, cancellationToken).ConfigureAwait(false);
    }
}
