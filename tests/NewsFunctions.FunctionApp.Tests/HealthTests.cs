using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsFunctions.Content;
using NewsFunctions.Content.Storage;
using NewsFunctions.FunctionApp.Functions;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Tests;

/// <summary>The unhealthy paths, against storage that is not there. The healthy path runs against Azurite in the integration tests.</summary>
public sealed class HealthTests
{
    /// <summary>The health check over an account at <paramref name="endpoint"/>, without retries, so a failure is reported at once.</summary>
    private static StorageHealthCheck At(string endpoint, TimeSpan timeout)
    {
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"BlobEndpoint={endpoint}/devstoreaccount1;TableEndpoint={endpoint}/devstoreaccount1;";
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 0;
        var blobOptions = new BlobClientOptions();
        blobOptions.Retry.MaxRetries = 0;
        var clients = StorageClients.FromConnectionString(connection, tableOptions, blobOptions);
        return new StorageHealthCheck(new ContentTables(clients, Options.Create(new ContentOptions())), NullLogger<StorageHealthCheck>.Instance) { Timeout = timeout };
    }

    private static HttpRequest Request() => new DefaultHttpContext { Request = { Path = "/api/health" } }.Request;

    [Fact]
    public async Task Unreachable_storage_is_a_503_naming_each_failed_check()
    {
        var request = Request();
        var result = await new Health(At("http://127.0.0.1:9", TimeSpan.FromSeconds(5))).Run(request, CancellationToken.None); // nothing listens on port 9

        var objectResult = Assert.IsType<ObjectResult>(result);
        Assert.Equal(503, objectResult.StatusCode);
        var body = Assert.IsType<HealthResponse>(objectResult.Value);
        Assert.Equal("unhealthy", body.Status);
        Assert.Equal(["blobs", "tables"], body.Checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(body.Checks.Values, reason => Assert.NotEqual("ok", reason));
        Assert.All(body.Checks.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        Assert.Equal("no-store", request.HttpContext.Response.Headers.CacheControl);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_in_time_is_unhealthy_after_the_timeout()
    {
        // Accepts connections and never answers.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var started = DateTimeOffset.UtcNow;
        var health = await At($"http://127.0.0.1:{port}", TimeSpan.FromMilliseconds(500)).CheckAsync(CancellationToken.None);

        Assert.False(health.Healthy);
        Assert.All(health.Checks.Values, reason => Assert.Equal("timed out after 0.5 s", reason));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5), "the timeout bounds the check");
    }

    [Fact]
    public async Task A_cancelled_request_is_cancelled_not_reported_unhealthy()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => At($"http://127.0.0.1:{port}", TimeSpan.FromSeconds(5)).CheckAsync(cancelled.Token));
    }
}
