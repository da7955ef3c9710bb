using System.Text;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// Every article has a row in the list index under its site and title (partition <c>t|</c> + a hash of both), so a
/// page's "上一篇：title" finds the stored article it names with one query of one small partition. Titles are compared
/// by their letters and digits only (NFKC, lower-cased), so a link that differs from the headline only in spacing,
/// punctuation or full-width forms still matches; a truncated one ("关于做好…") does not.
/// </summary>
internal static class ArticleTitleIndex
{
    public const string PartitionPrefix = "t|";

    /// <summary>The partition of a site's articles with this title, or null when the title has no letters or digits.</summary>
    public static string? PartitionFor(string? siteName, string title)
    {
        var key = Normalize(title);
        // The hash keeps the key short and free of characters Table Storage forbids, whatever the title.
        return key.Length == 0 ? null : PartitionPrefix + ArticleId.Hash("title|" + Normalize(siteName) + "|" + key);
    }

    /// <summary>True when a row of the partition really is this site and title, not another pair with the same hash.</summary>
    public static bool Matches(string? siteName, string title, string? rowSiteName, string rowTitle) =>
        Normalize(siteName) == Normalize(rowSiteName) && Normalize(title) == Normalize(rowTitle);

    public static string Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var text = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c)) text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
