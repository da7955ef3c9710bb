namespace NewsFunctions.Content.Articles;

/// <summary>A newest-first list request. Build it through the HTTP or CLI layer, which validate user input.</summary>
public sealed record ArticleQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public int Limit { get; init; } = DefaultLimit;
    public ArticleCursor? Cursor { get; init; }

    /// <summary>One category name at any level of the breadcrumb (开发区新闻 matches 首页 > 开发区新闻 > 文字新闻).</summary>
    public string? Category { get; init; }

    public string? Source { get; init; }

    /// <summary>Words the title or body must contain (Chinese included); see <see cref="Search.SearchTerms"/>.</summary>
    public string? Search { get; init; }

    /// <summary>Inclusive lower bound on the publication time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound on the publication time.</summary>
    public DateTimeOffset? Before { get; init; }
}

/// <summary>One page of a list and the cursor for the next, or null on the last page.</summary>
public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Items, ArticleCursor? Next);
