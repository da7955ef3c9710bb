using System.ComponentModel.DataAnnotations;

namespace NewsFunctions.FunctionApp;

/// <summary>HTTP behaviour of the API, bound from the "Api" section (app settings <c>Api__...</c>).</summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string SectionName = "Api";

    /// <summary>Origins allowed to call the API from a browser, comma-separated (https://site.example,https://other.example), or * for any.</summary>
    public string CorsAllowedOrigins { get; set; } = "";

    /// <summary>How long browsers and CDNs may reuse a response (Cache-Control max-age), and the longest an entry lives in the memory cache.</summary>
    [Range(0, 31_536_000)]
    public int CacheMaxAgeSeconds { get; set; } = 60;

    /// <summary>
    /// Memory each instance may give to hot list pages and articles (<c>CachedArticleReads</c>), in MiB; 0 switches the
    /// cache off (as does a max-age of 0).
    /// </summary>
    [Range(0, 16_384)]
    public int MemoryCacheMegabytes { get; set; } = 64;

    /// <summary>Longer query strings are refused with a 400 before anything is parsed.</summary>
    [Range(256, 65_536)]
    public int MaxQueryLength { get; set; } = 2048;

    public IReadOnlyList<string> AllowedOrigins =>
        CorsAllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/'))
            .ToArray();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (origin != "*" && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.PathAndQuery == "/"))
                yield return new ValidationResult($"Api:CorsAllowedOrigins has '{origin}', which is not an origin like https://site.example.", [nameof(CorsAllowedOrigins)]);
        }
    }
}
