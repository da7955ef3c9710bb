using System.Text;

namespace NewsFunctions.Parsing.Decoding;

internal readonly record struct DecodedText(string Text, Encoding Encoding, bool IsBinary);

/// <summary>Bytes to text. UTF-8 first (strict); anything else is left to a real detector in the HTML/charset work.</summary>
internal static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (LooksBinary(bytes))
            return new DecodedText(string.Empty, Encoding.UTF8, IsBinary: true);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        try
        {
            return new DecodedText(StrictUtf8.GetString(bytes), Encoding.UTF8, IsBinary: false);
        }
        catch (DecoderFallbackException)
        {
            return new DecodedText(Encoding.UTF8.GetString(bytes), Encoding.UTF8, IsBinary: false);
        }
    }

    /// <summary>NUL bytes or many C0 controls in the first few KB mean this is not a text document.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        if (sample.Length >= 2 && ((sample[0] == 0xFF && sample[1] == 0xFE) || (sample[0] == 0xFE && sample[1] == 0xFF)))
            return false; // UTF-16 BOM: text, decoded by the charset work.
        var controls = 0;
        foreach (var b in sample)
        {
            if (b == 0) return true;
            if (b < 0x09 || (b > 0x0D && b < 0x20)) controls++;
        }
        return sample.Length > 0 && controls * 20 > sample.Length;
    }
}
