using System.Globalization;

namespace NewsFunctions.Parsing.Extraction;

internal static class TextStats
{
    /// <summary>Counts letters/digits and sentence punctuation (full- and half-width, since dumps are NFKC-normalised).</summary>
    public static void Count(string text, out int letters, out int punctuation)
    {
        letters = 0;
        punctuation = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c)) letters++;
            else if (IsSentencePunctuation(c)) punctuation++;
            // An English full stop ends a word and is followed by a space (not 3.5 or example.com).
            else if (c == '.' && i > 0 && char.IsLetter(text[i - 1]) && (i + 1 == text.Length || text[i + 1] == ' ')) punctuation++;
        }
    }

    public static bool IsSentencePunctuation(char c) =>
        c is '，' or '。' or '！' or '？' or '；' or '、' or '“' or '”' or '‘' or '’' or ',' or '!' or '?' or ';' or '"';

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>Letters and digits only, for comparing titles and lines regardless of spacing and punctuation.</summary>
    public static string Normalize(string text)
    {
        var normalized = text.IsNormalized(System.Text.NormalizationForm.FormKC) ? text : text.Normalize(System.Text.NormalizationForm.FormKC);
        var buffer = new System.Text.StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c)) buffer.Append(char.ToLowerInvariant(c));
        }
        return buffer.ToString();
    }

    /// <summary>Collapses whitespace straight from a builder's chunks, without an intermediate string.</summary>
    public static string CollapseWhitespace(System.Text.StringBuilder text)
    {
        if (text.Length == 0) return string.Empty;
        var buffer = new System.Text.StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var chunk in text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (IsSpace(c))
                {
                    pendingSpace = buffer.Length > 0;
                    continue;
                }
                if (pendingSpace) buffer.Append(' ');
                pendingSpace = false;
                buffer.Append(c);
            }
        }
        return buffer.ToString();
    }

    internal static bool IsSpace(char c) =>
        char.IsWhiteSpace(c) || c == '\u00A0' || c == '\u200B' || c == '\uFEFF' || char.GetUnicodeCategory(c) == UnicodeCategory.Control;

    /// <summary>Collapses runs of whitespace (including NBSP and ideographic space) into one space and trims.</summary>
    public static string CollapseWhitespace(ReadOnlySpan<char> text)
    {
        var buffer = new System.Text.StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsSpace(c))
            {
                pendingSpace = buffer.Length > 0;
                continue;
            }
            if (pendingSpace) buffer.Append(' ');
            pendingSpace = false;
            buffer.Append(c);
        }
        return buffer.ToString();
    }
}
