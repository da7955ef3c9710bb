using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NewsFunctions.Content.Articles;

/// <summary>
/// An opaque position in a newest-first list: the RowKey of the last item returned. The next page asks for RowKeys
/// after it, so paging needs no continuation tokens and never repeats or skips a row.
/// </summary>
public sealed record ArticleCursor
{
    private const string Version = "1:";

    private ArticleCursor(string afterRowKey) => AfterRowKey = afterRowKey;

    internal string AfterRowKey { get; }

    internal static ArticleCursor After(string rowKey) => new(rowKey);

    public override string ToString() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + AfterRowKey));

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
        if (!text.StartsWith(Version, StringComparison.Ordinal))
            return false;
        var rowKey = text[Version.Length..];
        if (!ArticleIndexRow.IsRowKey(rowKey))
            return false;
        cursor = new ArticleCursor(rowKey);
        return true;
    }
}
