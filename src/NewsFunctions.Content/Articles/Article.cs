using NewsFunctions.Parsing;

namespace NewsFunctions.Content.Articles;

/// <summary>Where a stored article came from, kept so it can be traced, deduplicated and re-parsed.</summary>
public sealed record ArticleProvenance(
    string Container,
    string BlobName,
    string? ETag,
    string ContentHash,
    string ParserVersion,
    DateTimeOffset IngestedAt);

/// <summary>A stored article in full, as the detail endpoint returns it.</summary>
public sealed record Article
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public bool HasPublishedTime { get; init; }
    public string? Source { get; init; }
    public string? Author { get; init; }
    public string? Editor { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public required IReadOnlyList<string> Paragraphs { get; init; }
    public IReadOnlyList<ArticleImage> Images { get; init; } = [];
    /// <summary>The page's "上一篇" link; its id and slug are set on reads for sites when that article is stored too.</summary>
    public ArticleNeighbour? Previous { get; init; }

    /// <summary>The page's "下一篇" link, as <see cref="Previous"/>.</summary>
    public ArticleNeighbour? Next { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? SiteName { get; init; }
    public string Language { get; init; } = "zh";
    public string Summary { get; init; } = "";
    public int CharacterCount { get; init; }
    public required ArticleProvenance Provenance { get; init; }

    public string Slug => ArticleSlug.For(Title, Id);

    public static Article From(string id, ParsedArticle parsed, ArticleProvenance provenance) => new()
    {
        Id = id,
        Title = parsed.Title,
        PublishedAt = parsed.PublishedAt,
        HasPublishedTime = parsed.HasPublishedTime,
        Source = parsed.Source,
        Author = parsed.Author,
        Editor = parsed.Editor,
        Categories = parsed.Categories,
        // One paragraph is one line: the stored body is the paragraphs joined with newlines.
        Paragraphs = parsed.Paragraphs.SelectMany(p => p.Split('\n')).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray(),
        Images = parsed.Images,
        Previous = ArticleNeighbour.From(parsed.Previous),
        Next = ArticleNeighbour.From(parsed.Next),
        CanonicalUrl = parsed.CanonicalUrl,
        SiteName = parsed.SiteName,
        Language = parsed.Language,
        Summary = parsed.Summary,
        CharacterCount = parsed.CharacterCount,
        Provenance = provenance,
    };

    public ArticleSummary ToSummary() =>
        new(Id, Title, PublishedAt, Source, Categories, SiteName, Summary);
}

/// <summary>
/// A previous or next article as the page names it (its title, and in HTML its address), and, when the article it names
/// is stored too, that article's id and slug so a site can link it. Only the page's title and URL are stored; the id
/// and slug are looked up when the detail is read (<see cref="ArticleNeighbours"/>).
/// </summary>
public sealed record ArticleNeighbour(string Title, string? Url = null, string? Id = null, string? Slug = null)
{
    public static ArticleNeighbour? From(ArticleLink? link) => link is null ? null : new(link.Title, link.Url);

    /// <summary>What the page said, without what a read looked up: the part that is stored.</summary>
    public ArticleLink ToLink() => new(Title, Url);
}

/// <summary>The fields a list shows. Never carries a body.</summary>
public sealed record ArticleSummary(
    string Id,
    string Title,
    DateTimeOffset? PublishedAt,
    string? Source,
    IReadOnlyList<string> Categories,
    string? SiteName,
    string Summary)
{
    public string Slug => ArticleSlug.For(Title, Id);
}
