using Microsoft.Azure.Functions.Worker;
using NewsFunctions.Content.Ingestion;

namespace NewsFunctions.FunctionApp.Functions;

/// <summary>
/// The same ingestion, raised by Event Grid: the only blob trigger the Flex Consumption plan supports. Compiled only
/// into the EventGrid build (<c>dotnet publish</c>, or <c>-p:BlobTriggerSource=EventGrid</c>): Azurite cannot raise
/// Event Grid events, and a host that indexes it registers a webhook whatever settings say.
/// </summary>
public sealed class IngestDocumentFromEventGrid(IDocumentIngestion ingestion)
{
    [Function(nameof(IngestDocumentFromEventGrid))]
    public async Task Run(
        [BlobTrigger(DocumentTriggers.Path, Source = BlobTriggerSource.EventGrid, Connection = DocumentTriggers.Connection)] Stream document,
        string name,
        CancellationToken cancellationToken)
    {
        await ingestion.IngestBlobAsync(name, document, cancellationToken).ConfigureAwait(false);
    }
}
