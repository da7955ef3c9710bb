using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// One row of the list index (table <c>articleindex</c>). Every article has a row in partition <c>all</c>, one per
/// category name in its breadcrumb (<c>c|name</c>), one for its source (<c>s|name</c>) and one under its site and
/// title (<c>t|hash</c>, <see cref="ArticleTitleIndex"/>, kept in the table <c>articletitles</c>, which no list reads). The RowKey is the
/// inverted publication time then the id, so each partition reads newest first; undated articles come after every
/// dated one (<see cref="TableKeys.UndatedStart"/>), the last stored first. Rows hold list fields only.
/// </summary>
internal sealed class ArticleIndexRow : ITableEntity
{
    public const string AllPartition = "all";

    /// <summary>The columns a list query selects: everything a list shows, never a body.</summary>
    public static readonly IReadOnlyList<string> ListColumns =
        [nameof(RowKey), nameof(Id), nameof(Title), nameof(PublishedAt), nameof(Source), nameof(Categories), nameof(SiteName), nameof(Summary)];

    /// <summary>Breadcrumb roots that every article shares; indexing them would only copy the <c>all</c> partition.</summary>
    private static readonly HashSet<string> RootCategories = ["首页", "网站首页", "主页", "Home", "home"];

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? PublishedAt { get; set; }
    public string? Source { get; set; }
    public string Categories { get; set; } = "[]";
    public string? SiteName { get; set; }
    public string Summary { get; set; } = "";

    public static string CategoryPartition(string category) => "c|" + TableKeys.Escape(category.Trim());

    public static string SourcePartition(string source) => "s|" + TableKeys.Escape(source.Trim());

    /// <summary>The category or source a partition lists, with its name as written (unescaped), or null for <c>all</c>.</summary>
    public static (FacetKind Kind, string Name)? FacetOf(string partition) => partition switch
    {
        ['c', '|', ..] => (FacetKind.Category, TableKeys.Unescape(partition[2..])),
        ['s', '|', ..] => (FacetKind.Source, TableKeys.Unescape(partition[2..])),
        _ => null,
    };

    /// <summary>
    /// The list position: by publication time, newest first; an undated article after all dated ones, by the time it
    /// was first stored. A site's "latest news" would otherwise open with undated pages of a backlog just imported.
    /// </summary>
    public static string RowKeyFor(string id, DateTimeOffset? publishedAt, DateTimeOffset storedAt) =>
        (publishedAt is { } published ? TableKeys.InvertedTicks(published) : TableKeys.UndatedInvertedTicks(storedAt)) + ":" + id;

    public static bool IsRowKey(string value) =>
        value.Length == 19 + 1 + ArticleId.Length && value[19] == ':' && value.AsSpan(0, 19).ContainsAnyExceptInRange('0', '9') is false
        && ArticleId.IsWellFormed(value[20..]);

    public static IReadOnlyList<string> PartitionsFor(Article article)
    {
        var partitions = new List<string> { AllPartition };
        foreach (var category in article.Categories.Select(c => c.Trim()).Distinct())
        {
            if (category.Length > 0 && !RootCategories.Contains(category))
                partitions.Add(CategoryPartition(category));
        }
        if (!string.IsNullOrWhiteSpace(article.Source))
            partitions.Add(SourcePartition(article.Source));
        // Not a list: what a neighbour's previous/next link is resolved by (ArticleNeighbours).
        if (ArticleTitleIndex.PartitionFor(article.SiteName, article.Title) is { } titles)
            partitions.Add(titles);
        return partitions.Distinct().ToArray();
    }

    public static IEnumerable<ArticleIndexRow> RowsFor(Article article, DateTimeOffset storedAt)
    {
        var rowKey = RowKeyFor(article.Id, article.PublishedAt, storedAt);
        var categories = JsonSerializer.Serialize(article.Categories, StorageJson.Options);
        return PartitionsFor(article).Select(partition => new ArticleIndexRow
        {
            PartitionKey = partition,
            RowKey = rowKey,
            Id = article.Id,
            Title = article.Title,
            PublishedAt = StorageJson.FormatTime(article.PublishedAt),
            Source = article.Source,
            Categories = categories,
            SiteName = article.SiteName,
            Summary = article.Summary,
        });
    }

    public ArticleSummary ToSummary() => new(
        Id,
        Title,
        StorageJson.ParseTime(PublishedAt),
        Source,
        JsonSerializer.Deserialize<string[]>(Categories, StorageJson.Options) ?? [],
        SiteName,
        Summary);
}
