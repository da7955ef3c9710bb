using System.Text;

namespace NewsFunctions.Parsing.Decoding;

/// <summary>
/// Finds the charsets a page declares (meta charset, http-equiv content, XML declaration) by scanning
/// the first bytes as ASCII, the way browsers pre-scan: no DOM and no regular expressions over markup.
/// </summary>
internal static class CharsetSniffer
{
    /// <summary>Browsers pre-scan about this much; declarations later than this are ignored by them too.</summary>
    private const int PrescanBytes = 8192;

    public static IReadOnlyList<string> FindDeclarations(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, PrescanBytes)];
        var found = new List<string>(2);
        ReadOnlySpan<byte> charset = "charset"u8;
        ReadOnlySpan<byte> encoding = "encoding"u8;
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i] | 0x20;
            if (b == 'c' && StartsWithIgnoreCase(head[i..], charset))
                TryReadValue(head, i + charset.Length, found);
            else if (b == 'e' && StartsWithIgnoreCase(head[i..], encoding) && i >= 2 && head[i - 1] == ' ' && LooksLikeXmlDeclaration(head[..i]))
                TryReadValue(head, i + encoding.Length, found);
        }
        return found;
    }

    private static bool LooksLikeXmlDeclaration(ReadOnlySpan<byte> before) => before.IndexOf("<?xml"u8) >= 0 && before.Length < 200;

    private static void TryReadValue(ReadOnlySpan<byte> head, int at, List<string> found)
    {
        var i = at;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        if (i >= head.Length || head[i] != '=') return;
        i++;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'"' or (byte)'\'' or (byte)'\t') i++;
        var start = i;
        while (i < head.Length && i - start < 40 && (char.IsAsciiLetterOrDigit((char)head[i]) || head[i] is (byte)'-' or (byte)'_' or (byte)'.' or (byte)':'))
            i++;
        if (i > start)
        {
            var name = Encoding.ASCII.GetString(head[start..i]).ToLowerInvariant();
            if (!found.Contains(name)) found.Add(name);
        }
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerWord)
    {
        if (span.Length < lowerWord.Length) return false;
        for (var k = 0; k < lowerWord.Length; k++)
            if ((span[k] | 0x20) != lowerWord[k]) return false;
        return true;
    }
}
