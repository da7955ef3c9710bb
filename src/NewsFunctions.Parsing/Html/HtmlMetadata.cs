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

    /// <summary>When the page was last changed: not its publication, but a reference for dates printed without a year or as "3小时前".</summary>
    private static readonly string[] ModifiedKeys =
        ["article:modified_time", "og:updated_time", "datemodified", "dateupdate", "lastmodified", "last-modified", "dc.date.modified", "dcterms.modified", "updatetime"];

    /// <summary>The publisher: ContentSource on government CMS pages (TRS, Hanweb and the like), source elsewhere.</summary>
    private static readonly string[] SourceKeys = ["contentsource", "source", "article:source", "dc.publisher"];

    /// <summary>The channel an article is filed under (ColumnName on government CMS pages): never its headline.</summary>
    private static readonly string[] ColumnKeys = ["columnname", "column", "category", "article:section"];

    private static readonly string[] HeadlineKeys = ["og:title", "twitter:title", "headline", "articletitle", "title"];
    private static readonly string[] AuthorKeys = ["author", "article:author", "dc.creator", "byl", "sailthru.author", "creator"];
    private static readonly string[] SiteKeys = ["og:site_name", "sitename", "application-name", "site_name"];

    /// <summary>The page's own statements about itself, and the base for its relative links (&lt;base href&gt;, else the canonical URL).</summary>
    public static (PageHints Hints, Uri? BaseUri) Read(IHtmlDocument document, CancellationToken cancellationToken)
    {
        var elements = HeadElements.Collect(document, cancellationToken);
        var meta = ReadMetaTags(elements.Metas);
        cancellationToken.ThrowIfCancellationRequested();
        var jsonLd = JsonLd.Read(elements.JsonLdScripts);

        DateTimeOffset? published = null;
        var hasTime = false;
        foreach (var raw in DateKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.DatePublished).Append(TimeElement(elements)))
        {
            if (DateParser.TryParseMachine(raw, out var value, out var withTime))
            {
                (published, hasTime) = (value, withTime);
                break;
            }
        }

        DateTimeOffset? modified = null;
        foreach (var raw in ModifiedKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.DateModified))
        {
            if (DateParser.TryParseMachine(raw, out var value, out _))
            {
                modified = value;
                break;
            }
        }

        var headlines = HeadlineKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.Headline)
            .Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => TextStats.CollapseWhitespace(h!)).Distinct().ToList();
        var canonical = elements.Canonical?.GetAttribute("href") ?? meta.GetValueOrDefault("og:url");
        var language = document.DocumentElement?.GetAttribute("lang") ?? meta.GetValueOrDefault("content-language");

        var hints = new PageHints
        {
            DocumentTitle = NonEmpty(TextStats.CollapseWhitespace(elements.Title?.TextContent ?? string.Empty)),
            HeadlineHints = headlines,
            PublishedAt = published,
            HasPublishedTime = hasTime,
            // Pages that print the date with a script (the element stays empty in the markup) keep it in a variable.
            ScriptPublishedAt = published is null ? ScriptDate.Find(elements.InlineScripts) : null,
            Author = AuthorKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.Author).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a))?.Trim(),
            ModifiedAt = modified,
            Source = NonEmpty(SourceKeys.Select(k => meta.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v) && !v.Contains("://", StringComparison.Ordinal))?.Trim()),
            ColumnName = NonEmpty(ColumnKeys.Select(k => meta.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim()),
            CanonicalUrl = AbsoluteUrl(canonical),
            SiteName = NonEmpty(SiteKeys.Select(k => meta.GetValueOrDefault(k)).Append(jsonLd.Publisher).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s))?.Trim()),
            Language = NonEmpty(language?.Trim()),
        };
        return (hints, BaseUri(elements.Base?.GetAttribute("href"), hints));
    }

    private static Uri? BaseUri(string? baseHref, PageHints hints)
    {
        foreach (var candidate in new[] { baseHref, hints.CanonicalUrl })
        {
            if (candidate is not null && Uri.TryCreate(candidate.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                return uri;
        }
        return null;
    }

    private static Dictionary<string, string> ReadMetaTags(List<IElement> metas)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in metas)
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name") ?? element.GetAttribute("itemprop") ?? element.GetAttribute("http-equiv");
            var content = element.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(content)) continue;
            values.TryAdd(key.Trim(), content.Trim());
        }
        return values;
    }

    /// <summary>A &lt;time&gt; marked as the publication time, or the only &lt;time&gt; on the page.</summary>
    private static string? TimeElement(HeadElements elements)
    {
        var marked = elements.MarkedTime;
        if (marked is not null) return marked.GetAttribute("datetime") ?? marked.GetAttribute("content");
        return elements.TimeCount == 1 ? elements.FirstTime!.GetAttribute("datetime") : null;
    }

    /// <summary>
    /// The elements the metadata comes from, found in one walk over the document in document order. Each field is what
    /// a CSS query used to return (noted beside it); eight queries were eight walks with selector matching per element.
    /// </summary>
    private sealed class HeadElements
    {
        private const int MaxMetas = 500;
        private const int MaxJsonLdScripts = 10;
        private const int MaxInlineScripts = 100;

        public IElement? Title;          // title
        public IElement? Canonical;      // link[rel~='canonical' i]
        public IElement? Base;           // base[href]
        public IElement? MarkedTime;     // time[pubdate][datetime], time[itemprop='datePublished'][datetime], [itemprop='datePublished'][content]
        public IElement? FirstTime;      // time[datetime]
        public int TimeCount;
        public readonly List<IElement> Metas = [];         // meta, the first 500
        public readonly List<IElement> JsonLdScripts = []; // script[type='application/ld+json' i], the first 10
        public readonly List<IElement> InlineScripts = []; // script:not([src]), the first 100

        public static HeadElements Collect(IHtmlDocument document, CancellationToken cancellationToken)
        {
            var found = new HeadElements();
            var stack = new Stack<INode>();
            stack.Push(document);
            var visited = 0;
            while (stack.Count > 0)
            {
                if ((++visited & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
                var node = stack.Pop();
                if (node is IElement element) found.Visit(element);
                // Children in reverse onto the stack, so they come off in document order; indexed access, since sibling
                // navigation searches the parent's list.
                var children = node.ChildNodes;
                for (var c = children.Length - 1; c >= 0; c--)
                {
                    if (children[c] is IElement child) stack.Push(child);
                }
            }
            return found;
        }

        private void Visit(IElement element)
        {
            switch (element.LocalName)
            {
                case "title":
                    Title ??= element;
                    break;
                case "meta":
                    if (Metas.Count < MaxMetas) Metas.Add(element);
                    break;
                case "link":
                    if (Canonical is null && HasToken(element.GetAttribute("rel"), "canonical")) Canonical = element;
                    break;
                case "base":
                    if (Base is null && element.HasAttribute("href")) Base = element;
                    break;
                case "script":
                    if (string.Equals(element.GetAttribute("type"), "application/ld+json", StringComparison.OrdinalIgnoreCase))
                    {
                        if (JsonLdScripts.Count < MaxJsonLdScripts) JsonLdScripts.Add(element);
                    }
                    else if (InlineScripts.Count < MaxInlineScripts && !element.HasAttribute("src"))
                    {
                        InlineScripts.Add(element);
                    }
                    break;
                case "time":
                    if (element.HasAttribute("datetime"))
                    {
                        if (TimeCount++ == 0) FirstTime = element;
                        if (MarkedTime is null && (element.HasAttribute("pubdate") || element.GetAttribute("itemprop") == "datePublished")) MarkedTime = element;
                    }
                    break;
            }
            if (MarkedTime is null && element.HasAttribute("content") && element.GetAttribute("itemprop") == "datePublished") MarkedTime = element;
        }

        /// <summary>The CSS ~= test with the i flag: one of the space-separated words of the value, ignoring case.</summary>
        private static bool HasToken(string? value, string word)
        {
            if (string.IsNullOrEmpty(value)) return false;
            foreach (var range in value.AsSpan().SplitAny(" \t\n\f\r"))
            {
                if (value.AsSpan(range).Equals(word, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }

    private static string? AbsoluteUrl(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.ToString() : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Schema.org NewsArticle/Article fields from application/ld+json scripts; malformed JSON is ignored.</summary>
    private sealed record JsonLd(string? DatePublished, string? DateModified, string? Headline, string? Author, string? Publisher)
    {
        private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

        public static JsonLd Read(List<IElement> scripts)
        {
            var found = new JsonLd(null, null, null, null, null);
            foreach (var script in scripts)
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
                DateModified = found.DateModified ?? String(element, "dateModified"),
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
