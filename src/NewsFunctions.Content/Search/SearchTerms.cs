using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NewsFunctions.Content.Search;

/// <summary>
/// The terms of the search index: overlapping character bigrams of runs of letters and digits, lower-cased after
/// NFKC. Chinese has no spaces between words, so bigrams let "人大" match inside "市人大常委会" without a dictionary;
/// Latin words match as substrings the same way. A word is found when all its bigrams are in the article.
/// </summary>
public static class SearchTerms
{
    /// <summary>Enough for the distinct bigrams of a long article (~20,000 characters); beyond it the rest is not indexed.</summary>
    public const int MaxTermsPerArticle = 6000;

    /// <summary>A query's bigrams beyond this add little precision and cost one query each.</summary>
    public const int MaxTermsPerQuery = 8;

    public const int MaxQueryLength = 100;

    public static IReadOnlyList<string> ForArticle(string title, IEnumerable<string> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in paragraphs.Prepend(title))
        {
            foreach (var term in Bigrams(text))
            {
                terms.Add(term);
                if (terms.Count >= MaxTermsPerArticle) return terms.ToArray();
            }
        }
        return terms.ToArray();
    }

    /// <summary>The terms to look up for a user's query, or an error saying why it cannot be searched.</summary>
    public static bool TryParseQuery(string? query, [NotNullWhen(true)] out IReadOnlyList<string>? terms, [NotNullWhen(false)] out string? error)
    {
        terms = null;
        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength)
        {
            error = $"q must be 1 to {MaxQueryLength} characters.";
            return false;
        }
        var found = Bigrams(query).Distinct(StringComparer.Ordinal).ToArray();
        if (found.Length == 0)
        {
            error = "q needs a word of at least two letters or digits (一个词至少两个字).";
            return false;
        }
        // Spread the kept terms over the query so every word still constrains the match.
        terms = found.Length <= MaxTermsPerQuery
            ? found
            : Enumerable.Range(0, MaxTermsPerQuery).Select(i => found[i * (found.Length - 1) / (MaxTermsPerQuery - 1)]).Distinct(StringComparer.Ordinal).ToArray();
        error = null;
        return true;
    }

    private static IEnumerable<string> Bigrams(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var previous = '\0';
        foreach (var c in normalized)
        {
            if (!char.IsLetterOrDigit(c) || char.IsSurrogate(c))
            {
                previous = '\0';
                continue;
            }
            var current = char.ToLowerInvariant(c);
            if (previous != '\0')
                yield return string.Concat(previous, current);
            previous = current;
        }
    }
}
