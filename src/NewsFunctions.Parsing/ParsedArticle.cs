namespace NewsFunctions.Parsing;

/// <summary>An article as the parser found it in one document. Immutable; no storage concerns.</summary>
public sealed record ParsedArticle
{
    public required string Title { get; init; }

    /// <summary>Publication time with its offset (China time, +08:00, unless the page says otherwise).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>True when the page gave a time of day, not only a date.</summary>
    public bool HasPublishedTime { get; init; }

    /// <summary>The publishing organisation (来源).</summary>
    public string? Source { get; init; }

    public string? Author { get; init; }
    public string? Editor { get; init; }

    /// <summary>The breadcrumb, outermost first (首页 > 开发区新闻 > 文字新闻).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Body paragraphs, trimmed, in reading order, without page furniture.</summary>
    public required IReadOnlyList<string> Paragraphs { get; init; }

    public IReadOnlyList<ArticleImage> Images { get; init; } = [];
    public ArticleLink? Previous { get; init; }
    public ArticleLink? Next { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? SiteName { get; init; }
    public string Language { get; init; } = "zh";

    /// <summary>The body joined with newlines, as score.py and the API's plain body read it.</summary>
    public string Body => string.Join('\n', Paragraphs);

    /// <summary>Characters of body text, whitespace excluded.</summary>
    public int CharacterCount => Paragraphs.Sum(p => p.Count(c => !char.IsWhiteSpace(c)));

    /// <summary>The first sentences of the body, at most about 120 characters.</summary>
    public string Summary => SummaryBuilder.Build(Paragraphs);
}

public sealed record ArticleLink(string Title, string? Url = null);

public sealed record ArticleImage(string Url, string? Caption = null);
