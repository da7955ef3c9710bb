using Moq;
using NewsFunctions.Content.Ingestion;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.FunctionApp.Tests;

public sealed class IngestDocumentTests
{
    [Fact]
    public async Task The_trigger_hands_the_blob_name_and_stream_to_ingestion()
    {
        var ingestion = new Mock<IDocumentIngestion>();
        using var cancellation = new CancellationTokenSource();
        using var stream = new MemoryStream([1, 2, 3]);
        ingestion.Setup(i => i.IngestBlobAsync("news/a.txt", stream, cancellation.Token))
            .ReturnsAsync(new IngestionResult(IngestionStatus.Stored, "abcdefghijklm"))
            .Verifiable(Times.Once);

        await new IngestDocument(ingestion.Object).Run(stream, "news/a.txt", cancellation.Token);

        ingestion.Verify();
    }

    [Fact]
    public async Task A_document_that_fails_to_parse_returns_normally()
    {
        var ingestion = new Mock<IDocumentIngestion>();
        ingestion.Setup(i => i.IngestBlobAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new IngestionResult(IngestionStatus.Failed, null, FailureReason: "Empty", FailureDetail: "empty"));

        using var stream = new MemoryStream();
        await new IngestDocument(ingestion.Object).Run(stream, "empty.txt", CancellationToken.None);

        ingestion.Verify(i => i.IngestBlobAsync("empty.txt", stream, It.IsAny<CancellationToken>()), Times.Once);
    }
}
