using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsFunctions.Content.Articles;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>
/// A JSON read response with HTTP caching: a strong ETag over the exact bytes (so If-None-Match gives a 304 without
/// the body), Cache-Control with the configured max-age, and Last-Modified when the content knows it.
/// </summary>
public sealed class CachedJsonResult(object value, DateTimeOffset? lastModified = null) : IActionResult
{
    /// <summary>
    /// A detail. Last-Modified is when it was ingested, unless it names a previous or next article: linking those
    /// changes it when they are stored or deleted, with no date to tell, so only the ETag can validate it.
    /// </summary>
    public static CachedJsonResult ForArticle(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new(article, article.Previous is null && article.Next is null ? article.Provenance.IngestedAt : null);
    }

    public object Value { get; } = value;
    public DateTimeOffset? LastModified { get; } = lastModified;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var maxAge = services.GetRequiredService<IOptions<ApiOptions>>().Value.CacheMaxAgeSeconds;

        var body = JsonSerializer.SerializeToUtf8Bytes(Value, Value.GetType(), json);
        var etag = "\"" + Convert.ToBase64String(SHA256.HashData(body), 0, 16).TrimEnd('=') + "\"";
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "public, max-age=" + maxAge.ToString(CultureInfo.InvariantCulture);
        if (LastModified is { } modified)
            response.Headers.LastModified = HeaderUtilities.FormatDate(modified);

        if (NotModified(request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private bool NotModified(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); weak comparison, as for GET.
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
        }
        return LastModified is { } modified
            && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && modified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }
}
