using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.IntegrationTests;

/// <summary>The operational endpoints through the real host over Azurite.</summary>
public sealed class OperationsEndpointsTests : IAsyncLifetime
{
    private readonly ContentTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Health_is_200_with_every_check_ok()
    {
        var request = ContentTestHost.Get("/api/health");
        var (status, contentType, body) = await _host.ExecuteAsync(await _host.Function<Health>().Run(request, CancellationToken.None), request);

        Assert.Equal(200, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("tables").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("blobs").GetString());
        Assert.Equal("no-store", request.HttpContext.Response.Headers.CacheControl);
    }

    [Fact]
    public async Task The_openapi_document_is_served_as_json()
    {
        var request = ContentTestHost.Get("/api/openapi.json");
        var (status, contentType, body) = await _host.ExecuteAsync(GetOpenApiDocument.Run(request), request);

        Assert.Equal(200, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.True(body.GetProperty("paths").TryGetProperty("/feed", out _));
    }
}
