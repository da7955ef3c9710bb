using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// An opaque position in a newest-first list: the RowKey of the last item returned (the next page asks for RowKeys
/// after it), or, when a search stopped early, the RowKey it reached (the next page starts there). Paging needs no
/// continuation tokens and never repeats or skips a row.
/// </summary>
public sealed record ArticleCursor
{
    private const string After_ = "1:";
    private const string From_ = "2:";

    private ArticleCursor(string rowKey, bool inclusive)
    {
        RowKey = rowKey;
        Inclusive = inclusive;
    }

    internal string RowKey { get; }

    /// <summary>True when the next page starts at <see cref="RowKey"/> itself rather than after it.</summary>
    internal bool Inclusive { get; }

    internal static ArticleCursor After(string rowKey) => new(rowKey, inclusive: false);

    internal static ArticleCursor From(string rowKey) => new(rowKey, inclusive: true);

    public override string ToString() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes((Inclusive ? From_ : After_) + RowKey));

    public static bool TryParse(string? value, [NotNullWhen(true)] out ArticleCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 200)
            return false;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes);
        var inclusive = text.StartsWith(From_, StringComparison.Ordinal);
        if (!inclusive && !text.StartsWith(After_, StringComparison.Ordinal))
            return false;
        var rowKey = text[After_.Length..];
        if (!ArticleIndexRow.IsRowKey(rowKey))
            return false;
        cursor = new ArticleCursor(rowKey, inclusive);
        return true;
    }
}
