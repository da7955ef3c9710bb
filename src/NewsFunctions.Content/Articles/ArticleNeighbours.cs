using Azure.Data.Tables;
using NewsFunctions.Content.Storage;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// Links a page's previous and next (上一篇 / 下一篇) to the stored articles they name, when a detail is read: a
/// neighbour stored later is linked from then on, and a deleted one is not linked any more, without writing to the
/// article that names it. Both links are resolved at once, each with at most two requests:
/// <list type="number">
/// <item>A link with an absolute URL: a point read of the id that URL gives (<see cref="ArticleId.ForUrl"/>; ids come
/// from canonical URLs), which finds the neighbour when its page declared that URL.</item>
/// <item>Otherwise, or when no article has that URL: one query of the title partition of this article's site
/// (<see cref="ArticleTitleIndex"/>). Of several articles with the same title, the one nearest in time to this
/// article wins; on a tie, the newer. Only the newest <see cref="MaxCandidates"/> of one title are considered.</item>
/// </list>
/// </summary>
internal sealed class ArticleNeighbours(ContentTables tables)
{
    public const int MaxCandidates = 100;

    private static readonly string[] TitleRowColumns = [nameof(ArticleIndexRow.RowKey), nameof(ArticleIndexRow.Id), nameof(ArticleIndexRow.Title), nameof(ArticleIndexRow.SiteName)];
    private static readonly string[] ByUrlColumns = ["Title"];

    /// <param name="listRowKey">The article's list position (its list-index RowKey): what "nearest" is measured from.</param>
    public async Task<Article> LinkAsync(Article article, string listRowKey, CancellationToken cancellationToken)
    {
        if (article.Previous is null && article.Next is null)
            return article;
        var position = Position(listRowKey);
        var previous = ResolveAsync(article, article.Previous, position, cancellationToken);
        var next = ResolveAsync(article, article.Next, position, cancellationToken);
        await Task.WhenAll(previous, next).ConfigureAwait(false);
        return article with { Previous = await previous.ConfigureAwait(false), Next = await next.ConfigureAwait(false) };
    }

    private async Task<ArticleNeighbour?> ResolveAsync(Article article, ArticleNeighbour? link, long position, CancellationToken cancellationToken)
    {
        if (link is null)
            return null;
        if (ArticleId.ForUrl(link.Url) is { } byUrl && byUrl != article.Id)
        {
            var found = await tables.Articles.GetEntityIfExistsAsync<TableEntity>(byUrl, ArticleEntity.RowKey, ByUrlColumns, cancellationToken).ConfigureAwait(false);
            if (found.HasValue)
                return link with { Id = byUrl, Slug = ArticleSlug.For(found.Value!.GetString("Title") ?? link.Title, byUrl) };
        }
        if (ArticleTitleIndex.PartitionFor(article.SiteName, link.Title) is not { } partition)
            return link;

        var rows = new List<ArticleIndexRow>();
        var pages = tables.ArticleTitles
            .QueryAsync<ArticleIndexRow>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: MaxCandidates, select: TitleRowColumns, cancellationToken: cancellationToken)
            .AsPages(pageSizeHint: MaxCandidates);
        // One page, so a detail costs a fixed number of requests however many articles share a title.
        await foreach (var page in pages.ConfigureAwait(false))
        {
            rows.AddRange(page.Values);
            break;
        }
        var nearest = Nearest(rows, article, link.Title, position);
        return nearest is null ? link : link with { Id = nearest.Id, Slug = ArticleSlug.For(nearest.Title, nearest.Id) };
    }

    /// <summary>
    /// The candidate nearest to <paramref name="position"/> in list order (in time, for dated articles; an undated one is
    /// far from every dated one), the newer on a tie; never the article itself.
    /// </summary>
    internal static ArticleIndexRow? Nearest(IEnumerable<ArticleIndexRow> rows, Article article, string linkTitle, long position) => rows
        .Where(r => r.Id != article.Id && ArticleIndexRow.IsRowKey(r.RowKey) && ArticleTitleIndex.Matches(article.SiteName, linkTitle, r.SiteName, r.Title))
        .OrderBy(r => Math.Abs(Position(r.RowKey) - position))
        .ThenBy(r => r.RowKey, StringComparer.Ordinal)
        .FirstOrDefault();

    /// <summary>The number a list RowKey starts with: inverted ticks, undated positions above them all (below long.MaxValue).</summary>
    private static long Position(string rowKey) =>
        long.Parse(rowKey.AsSpan(0, 19), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}
