using System.Security.Cryptography;
using System.Text;
using NewsFunctions.Parsing;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// Stable, URL-safe, short article ids (13 characters of base32 over SHA-256, 65 bits). An article is identified by
/// its canonical URL when the document has one, else by site, source, title and day; a document with neither URL
/// nor date falls back to the blob that carried it. The same article uploaded again, or under another name, gets the same id.
/// </summary>
public static class ArticleId
{
    public const int Length = 13;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string For(ParsedArticle article, string container, string blobName)
    {
        ArgumentNullException.ThrowIfNull(article);
        string identity;
        if (!string.IsNullOrWhiteSpace(article.CanonicalUrl))
            identity = "url|" + article.CanonicalUrl.Trim();
        else if (article.PublishedAt is { } published)
            identity = string.Join('|', "article", Normalize(article.SiteName), Normalize(article.Source), Normalize(article.Title), published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else
            identity = $"blob|{container}/{blobName}";
        return Encode(identity);
    }

    /// <summary>
    /// The id of the article whose canonical URL is <paramref name="url"/> (an absolute http or https address; any
    /// fragment dropped), or null for anything else: a link can find the article it names without an index.
    /// </summary>
    public static string? ForUrl(string? url)
    {
        var trimmed = url?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        var fragment = trimmed.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0) trimmed = trimmed[..fragment];
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? Encode("url|" + trimmed) : null;
    }

    /// <summary>13 characters of base32 over SHA-256 of <paramref name="identity"/>: for keys that must be short and stable.</summary>
    internal static string Hash(string identity) => Encode(identity);

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    private static string Normalize(string? value) =>
        string.Join(' ', (value ?? "").Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Encode(string identity)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        var id = new char[Length];
        var bits = 0;
        var buffer = 0;
        var next = 0;
        foreach (var b in hash)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && next < Length)
            {
                id[next++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
            if (next == Length) break;
        }
        return new string(id);
    }
}
