using System.Globalization;
using System.Text;

namespace NewsFunctions.Content.Storage;

/// <summary>PartitionKey and RowKey values: escaping of the characters Table Storage forbids, and the newest-first sort key.</summary>
internal static class TableKeys
{
    private const int MaxKeyChars = 400; // Keys may be 1 KiB; leave room for prefixes.

    /// <summary>Percent-escapes '/', '\', '#', '?', '%' and control characters; everything else (Chinese included) stays readable.</summary>
    public static string Escape(string value)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var forbidden = c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
            if (forbidden)
            {
                escaped ??= new StringBuilder(value, 0, i, value.Length + 8);
                // Control characters above U+00FF do not exist, so two hex digits always suffice.
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped?.Append(c);
            }
        }
        var result = escaped?.ToString() ?? value;
        return result.Length > MaxKeyChars ? result[..MaxKeyChars] : result;
    }

    /// <summary>Reverses <see cref="Escape"/> (for a key that was not truncated).</summary>
    public static string Unescape(string key)
    {
        if (!key.Contains('%', StringComparison.Ordinal)) return key;
        var text = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                text.Append((char)code);
                i += 2;
            }
            else
            {
                text.Append(key[i]);
            }
        }
        return text.ToString();
    }

    /// <summary>Ticks counted down from the end of time, so ascending RowKeys list the newest first.</summary>
    public static string InvertedTicks(DateTimeOffset time) =>
        (DateTime.MaxValue.Ticks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where undated list positions begin: above every inverted time (at most DateTime.MaxValue.Ticks,
    /// 3155378975999999999), so in every list, search and feed an undated article comes after all dated ones.
    /// </summary>
    public const long UndatedOffset = 5_000_000_000_000_000_000;

    /// <summary>The smallest undated position, as a RowKey prefix: dated RowKeys all sort before it.</summary>
    public static readonly string UndatedStart = UndatedOffset.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The position of an undated article: after every dated one, and among undated ones the last stored first.</summary>
    public static string UndatedInvertedTicks(DateTimeOffset storedAt) =>
        (UndatedOffset + DateTime.MaxValue.Ticks - storedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
