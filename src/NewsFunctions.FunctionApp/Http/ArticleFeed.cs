using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using NewsFunctions.Content.Articles;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>Builds the RSS 2.0 feed of <c>GET /api/feed</c> from a page of the article list.</summary>
internal static class ArticleFeed
{
    public const string ContentType = "application/rss+xml; charset=utf-8";

    /// <summary>Dublin Core: RSS's own author element must be an e-mail address, so the source is a dc:creator.</summary>
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";

    public static SyndicationFeed Build(IReadOnlyList<ArticleSummary> items, ArticleQuery query, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(request);

        var articlesUrl = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, "/api/articles");
        var filters = string.Join(", ", new[] { query.Category, query.Source }.Where(f => f is not null));
        var feed = new SyndicationFeed(
            filters.Length == 0 ? "NewsFunctions: newest articles" : XmlText($"NewsFunctions: newest articles ({filters})"),
            "The newest articles, newest first.",
            // The channel links to the JSON list with the same filters: the feed has no HTML site of its own.
            new Uri(articlesUrl + ListQuery(query)))
        {
            Language = "zh",
            Generator = "NewsFunctions",
            Items = items.Select(a => Item(a, articlesUrl)).ToArray(),
        };
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", "http://www.w3.org/2000/xmlns/"), DublinCore);
        if (items.Count > 0 && items.Max(a => a.PublishedAt) is { } newest)
            feed.LastUpdatedTime = newest;
        return feed;
    }

    public static ContentResult ToResult(SyndicationFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var buffer = new MemoryStream();
        // UTF-8 without a BOM, so the XML declaration and the Content-Type header agree.
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
        return new ContentResult { Content = Encoding.UTF8.GetString(buffer.ToArray()), ContentType = ContentType, StatusCode = StatusCodes.Status200OK };
    }

    private static SyndicationItem Item(ArticleSummary article, string articlesUrl)
    {
        var link = new Uri($"{articlesUrl}/{Uri.EscapeDataString(article.Id)}");
        var item = new SyndicationItem(XmlText(article.Title), XmlText(article.Summary), link)
        {
            // The id is stable across re-uploads; the API URL may move, so the guid is not a permalink.
            Id = article.Id,
        };
        if (article.PublishedAt is { } published)
            item.PublishDate = published;
        foreach (var category in article.Categories)
            item.Categories.Add(new SyndicationCategory(XmlText(category)));
        if (!string.IsNullOrEmpty(article.Source))
            item.ElementExtensions.Add("creator", DublinCore, XmlText(article.Source));
        return item;
    }

    /// <summary>
    /// Text as XML 1.0 allows it: scraped pages carry control characters (U+000B, U+FFFE, lone surrogates) that JSON
    /// escapes but XML cannot hold at all, and one such title must not break the feed for every reader.
    /// </summary>
    internal static string XmlText(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
            return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
                clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                clean.Append(text[i]).Append(text[++i]);
        }
        return clean.ToString();
    }

    private static string ListQuery(ArticleQuery query)
    {
        var builder = new QueryBuilder();
        if (query.Category is not null) builder.Add("category", query.Category);
        if (query.Source is not null) builder.Add("source", query.Source);
        return builder.ToQueryString().Value ?? "";
    }
}
