using System.Text;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// Readable, stable slugs: the title's letters and digits (Chinese kept as it is) joined by hyphens, then the id.
/// The id at the end is what a slug resolves by, so a slug keeps working after the title is corrected.
/// </summary>
public static class ArticleSlug
{
    private const int MaxTitleChars = 60;

    public static string For(string title, string id)
    {
        ArgumentNullException.ThrowIfNull(title);
        var slug = new StringBuilder(MaxTitleChars + ArticleId.Length + 1);
        foreach (var c in title.Normalize(NormalizationForm.FormKC))
        {
            if (slug.Length >= MaxTitleChars) break;
            if (char.IsLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        return slug.Append(id).ToString();
    }

    /// <summary>The article id a slug ends with, or null when it does not end with one.</summary>
    public static string? IdOf(string? slug)
    {
        if (slug is null || slug.Length < ArticleId.Length) return null;
        var id = slug[^ArticleId.Length..];
        var separated = slug.Length == ArticleId.Length || slug[^(ArticleId.Length + 1)] == '-';
        return separated && ArticleId.IsWellFormed(id) ? id : null;
    }
}
