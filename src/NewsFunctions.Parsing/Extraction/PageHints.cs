namespace NewsFunctions.Parsing.Extraction;

/// <summary>What a page says about itself outside its visible text (HTML head, JSON-LD); empty for text dumps.</summary>
internal sealed record PageHints
{
    public static readonly PageHints None = new();

    /// <summary>A text dump's: nothing but its visible lines, so the headline is found by reading them.</summary>
    public static readonly PageHints TextDump = new() { IsTextDump = true };

    /// <summary>The page is a text dump (w3m or a scraper's), not markup.</summary>
    public bool IsTextDump { get; init; }

    /// <summary>The document title (&lt;title&gt;), usually "headline_channel_site".</summary>
    public string? DocumentTitle { get; init; }

    /// <summary>og:title, JSON-LD headline and similar: often the bare headline.</summary>
    public IReadOnlyList<string> HeadlineHints { get; init; } = [];

    public DateTimeOffset? PublishedAt { get; init; }
    public bool HasPublishedTime { get; init; }

    /// <summary>A publication time found in a script variable (publish_time, pubDate): weaker than a printed dateline.</summary>
    public DateTimeOffset? ScriptPublishedAt { get; init; }

    /// <summary>When the page was last changed (a reference year and "now" for dates printed without them).</summary>
    public DateTimeOffset? ModifiedAt { get; init; }

    public string? Author { get; init; }

    /// <summary>The publisher the head names (ContentSource, source).</summary>
    public string? Source { get; init; }

    /// <summary>The channel the head names (ColumnName): a headline candidate equal to it is the channel, not the headline.</summary>
    public string? ColumnName { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? SiteName { get; init; }
    public string? Language { get; init; }
}
