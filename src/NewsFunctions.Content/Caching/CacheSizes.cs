using NewsFunctions.Content.Articles;

namespace NewsFunctions.Content.Caching;

/// <summary>
/// What a cached value holds in memory, approximately: two bytes a character of every string (plus the string's own
/// header), and a little for each object and array slot. Chinese text is what dominates, and it is counted exactly.
/// </summary>
internal static class CacheSizes
{
    private const long ObjectBytes = 48;
    private const long SlotBytes = 8;

    public static long Of(string? value) => value is null ? 0 : 22 + 2L * value.Length;

    public static long Of(Article article) =>
        ObjectBytes * 4
        + Of(article.Id) + Of(article.Title) + Of(article.Source) + Of(article.Author) + Of(article.Editor)
        + Of(article.CanonicalUrl) + Of(article.SiteName) + Of(article.Language) + Of(article.Summary)
        + Strings(article.Categories) + Strings(article.Paragraphs)
        + article.Images.Sum(i => ObjectBytes + SlotBytes + Of(i.Url) + Of(i.Caption))
        + Of(article.Previous) + Of(article.Next)
        + Of(article.Provenance.Container) + Of(article.Provenance.BlobName) + Of(article.Provenance.ETag)
        + Of(article.Provenance.ContentHash) + Of(article.Provenance.ParserVersion);

    public static long Of(ArticlePage page) =>
        ObjectBytes * 2 + page.Items.Sum(i => ObjectBytes + SlotBytes + Of(i.Id) + Of(i.Title) + Of(i.Source) + Strings(i.Categories) + Of(i.SiteName) + Of(i.Summary));

    private static long Of(ArticleNeighbour? link) => link is null ? 0 : ObjectBytes + Of(link.Title) + Of(link.Url) + Of(link.Id) + Of(link.Slug);

    private static long Strings(IReadOnlyList<string> values) => ObjectBytes + values.Sum(v => SlotBytes + Of(v));
}
