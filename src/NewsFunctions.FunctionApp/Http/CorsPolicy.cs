using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>
/// Which browser origins may read the API (<see cref="ApiOptions.CorsAllowedOrigins"/>), and the headers that say so.
/// The API is read-only and anonymous, so only GET (and the preflight itself) is offered, without credentials.
/// </summary>
public sealed class CorsPolicy(IOptions<ApiOptions> options)
{
    // The read functions declare GET only, so HEAD is not offered.
    public const string AllowedMethods = "GET, OPTIONS";
    private const string AllowedHeaders = "If-None-Match, If-Modified-Since, Content-Type, Accept";
    private const string ExposedHeaders = "ETag, Last-Modified, Link, Cache-Control";

    public bool IsAllowed(string? origin)
    {
        if (string.IsNullOrEmpty(origin)) return false;
        var allowed = options.Value.AllowedOrigins;
        return allowed.Contains("*") || allowed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Headers for a response to an actual request. Responses vary by Origin, so caches keep them apart.</summary>
    public void ApplyToResponse(HttpRequest request, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        // Once: the middleware applies this to every response, and the preflight function again.
        if (!response.Headers.Vary.SelectMany(v => (v ?? "").Split(',')).Any(v => v.Trim().Equals("Origin", StringComparison.OrdinalIgnoreCase)))
            response.Headers.Append("Vary", "Origin");
        var origin = request.Headers.Origin.ToString();
        if (!IsAllowed(origin)) return;
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.AccessControlExposeHeaders = ExposedHeaders;
    }

    /// <summary>Headers for a preflight (OPTIONS) answer, when the origin is allowed.</summary>
    public void ApplyToPreflight(HttpRequest request, HttpResponse response)
    {
        ApplyToResponse(request, response);
        if (!IsAllowed(request.Headers.Origin.ToString())) return;
        response.Headers.AccessControlAllowMethods = AllowedMethods;
        response.Headers.AccessControlAllowHeaders = AllowedHeaders;
        response.Headers.AccessControlMaxAge = "3600";
    }
}
