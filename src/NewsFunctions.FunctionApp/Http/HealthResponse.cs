using NewsFunctions.Content.Storage;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>The body of <c>GET /api/health</c>: "healthy" or "unhealthy", and each check's "ok" or reason.</summary>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    internal static HealthResponse From(StorageHealth health) => new(health.Healthy ? Healthy : Unhealthy, health.Checks);
}
