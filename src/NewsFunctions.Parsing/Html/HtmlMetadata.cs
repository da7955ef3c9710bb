using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Html;

/// <summary>What the page says about itself: &lt;title&gt;, meta tags (Open Graph, article:*, Dublin Core), JSON-LD, &lt;time&gt;.</summary>
internal static class HtmlMetadata
{
    private static readonly string[] DateKeys =
    [
        "article:published_time", "og:article:published_time", "article:published", "published_time", "datepublished", "pubdate", "publishdate",
        "publish_date", "publish-date", "publishtime", "publish_time", "pub_date", "releasedate", "dc.date.issued", "dcterms.issued", "dc.date",
        "dcterms.created", "sailthru.date", "weibo:article:create_at", "og:release_date", "firstpublishedtime", "createdate", "article:created",
    ];

    private static readonly string[] HeadlineKeys = ["og:title", "twitter:title", "headline", "articletitle", "title"];
    private static readonly string[] AuthorKeys = ["author", "article:author", "dc.creator", "byl", "sailthru.author", "creator"];
    private static readonly string[] SiteKeys = ["og:site_name", "sitename", "application-name", "site_name"];

    public static PageHints Read(IHtmlDocument document, CancellationToken cancellationToken)
    {
        var meta = ReadMetaTags(document);
        cancellationToken.ThrowIfCancellationRequested();
        var jsonLd = JsonLd.Read(document);

        DateTimeOffset? published = null;
        var hasTime = false;
        foreach (var raw in DateKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.DatePublished).Append(TimeElement(document)))
        {
            if (DateParser.TryParseMachine(raw, out var value, out var withTime))
            {
                (published, hasTime) = (value, withTime);
                break;
            }
        }

        var headlines = HeadlineKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.Headline)
            .Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => TextStats.CollapseWhitespace(h!)).Distinct().ToList();
        var canonical = document.QuerySelector("link[rel~='canonical' i]")?.GetAttribute("href") ?? meta.GetValueOrDefault("og:url");
        var language = document.DocumentElement?.GetAttribute("lang") ?? meta.GetValueOrDefault("content-language");

        return new PageHints
        {
            DocumentTitle = NonEmpty(TextStats.CollapseWhitespace(document.QuerySelector("title")?.TextContent ?? string.Empty)),
            HeadlineHints = headlines,
            PublishedAt = published,
            HasPublishedTime = hasTime,
            Author = AuthorKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.Author).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a))?.Trim(),
            CanonicalUrl = AbsoluteUrl(canonical),
            SiteName = NonEmpty(SiteKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.Publisher).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s))?.Trim()),
            Language = NonEmpty(language?.Trim()),
        };
    }

    /// <summary>The base for relative links: &lt;base href&gt;, else the canonical URL.</summary>
    public static Uri? BaseUri(IHtmlDocument document, PageHints hints)
    {
        var baseHref = document.QuerySelector("base[href]")?.GetAttribute("href");
        foreach (var candidate in new[] { baseHref, hints.CanonicalUrl })
        {
            if (candidate is not null && Uri.TryCreate(candidate.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                return uri;
        }
        return null;
    }

    private static Dictionary<string, string> ReadMetaTags(IHtmlDocument document)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in document.QuerySelectorAll("meta").Take(500))
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name") ?? element.GetAttribute("itemprop") ?? element.GetAttribute("http-equiv");
            var content = element.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(content)) continue;
            values.TryAdd(key.Trim(), content.Trim());
        }
        return values;
    }

    /// <summary>A &lt;time&gt; marked as the publication time, or the only &lt;time&gt; on the page.</summary>
    private static string? TimeElement(IHtmlDocument document)
    {
        var marked = document.QuerySelector("time[pubdate][datetime], time[itemprop='datePublished'][datetime], [itemprop='datePublished'][content]");
        if (marked is not null) return marked.GetAttribute("datetime") ?? marked.GetAttribute("content");
        var times = document.QuerySelectorAll("time[datetime]");
        return times.Length == 1 ? times[0].GetAttribute("datetime") : null;
    }

    private static string? AbsoluteUrl(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.ToString() : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Schema.org NewsArticle/Article fields from application/ld+json scripts; malformed JSON is ignored.</summary>
    private sealed record JsonLd(string? DatePublished, string? Headline, string? Author, string? Publisher)
    {
        private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

        public static JsonLd Read(IHtmlDocument document)
        {
            var found = new JsonLd(null, null, null, null);
            foreach (var script in document.QuerySelectorAll("script[type='application/ld+json' i]").Take(10))
            {
                var json = script.TextContent;
                if (json.Length > 200_000) continue;
                try
                {
                    using var parsed = JsonDocument.Parse(json, Options);
                    found = Visit(parsed.RootElement, found, 0);
                }
                catch (JsonException)
                {
                    // Pages ship broken JSON-LD; the visible page still has the fields.
                }
            }
            return found;
        }

        private static JsonLd Visit(JsonElement element, JsonLd found, int depth)
        {
            if (depth > 6) return found;
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray().Take(50)) found = Visit(item, found, depth + 1);
                return found;
            }
            if (element.ValueKind != JsonValueKind.Object) return found;
            if (element.TryGetProperty("@graph", out var graph)) found = Visit(graph, found, depth + 1);
            return found with
            {
                DatePublished = found.DatePublished ?? String(element, "datePublished") ?? String(element, "dateCreated"),
                Headline = found.Headline ?? String(element, "headline"),
                Author = found.Author ?? Name(element, "author"),
                Publisher = found.Publisher ?? Name(element, "publisher"),
            };
        }

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string? Name(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Object => String(value, "name"),
                JsonValueKind.Array => string.Join(' ', value.EnumerateArray().Take(10)
                    .Select(v => v.ValueKind == JsonValueKind.Object ? String(v, "name") : v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                    .Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } names ? names : null,
                _ => null,
            };
        }
    }
}
