using System.Text;
using System.Text.Unicode;
using UtfUnknown;

namespace NewsFunctions.Parsing.Decoding;

internal readonly record struct DecodedText(string Text, Encoding Encoding, bool IsBinary);

/// <summary>
/// Bytes to text: BOM, then strict UTF-8, then the page's own declarations (checked against the bytes,
/// since pages lie), then a real detector (UTF.Unknown). GB2312 and GBK are decoded as GB18030, their superset.
/// </summary>
internal static class TextDecoder
{
    private const int DetectorSampleBytes = 64 * 1024;

    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Forces the static constructor, so code pages are registered once before any decoding.</summary>
    public static void EnsureRegistered() { }

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Text(Encoding.UTF8.GetString(bytes[3..]), Encoding.UTF8);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Text(Encoding.Unicode.GetString(bytes[2..]), Encoding.Unicode);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Text(Encoding.BigEndianUnicode.GetString(bytes[2..]), Encoding.BigEndianUnicode);
        if (LooksBinary(bytes))
            return new DecodedText(string.Empty, Encoding.UTF8, IsBinary: true);
        if (Utf8.IsValid(bytes))
            return Text(Encoding.UTF8.GetString(bytes), Encoding.UTF8);

        var trials = new List<Trial>(4);
        var encoding = ChooseEncoding(bytes, trials);
        // Pages up to the sample size were decoded whole while choosing: reuse that text instead of decoding again
        // (GB18030 decoding is the costly part of this step).
        foreach (var trial in trials)
        {
            if (trial.Text is not null && trial.Encoding.Equals(encoding)) return Text(trial.Text, encoding);
        }
        return Text(encoding.GetString(bytes), encoding);
    }

    /// <summary>A charset tried on the sample: its error count, and its text when the sample is the whole document.</summary>
    private sealed record Trial(Encoding Encoding, int Errors, string? Text);

    private static DecodedText Text(string text, Encoding encoding) => new(text, encoding, IsBinary: false);

    /// <summary>
    /// The first declared charset that decodes the bytes cleanly wins; a declaration that does not fit the
    /// bytes (common: "gb2312" on a UTF-8 page, or two conflicting metas) loses to one that fits better.
    /// </summary>
    private static Encoding ChooseEncoding(ReadOnlySpan<byte> bytes, List<Trial> trials)
    {
        var sample = bytes[..Math.Min(bytes.Length, DetectorSampleBytes)];
        var candidates = new List<Encoding>(4);
        foreach (var name in CharsetSniffer.FindDeclarations(bytes))
            AddCandidate(candidates, Resolve(name));

        // A sample cut mid-character costs one replacement character on any multi-byte charset.
        var slack = sample.Length < bytes.Length ? 1 : 0;
        var whole = sample.Length == bytes.Length;
        int Errors(Encoding encoding, ReadOnlySpan<byte> sample) => Try(encoding, sample, whole, trials);
        Encoding? best = null;
        var bestErrors = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var errors = Errors(candidate, sample);
            if (errors <= slack) return candidate;
            if (errors < bestErrors) (best, bestErrors) = (candidate, errors);
        }

        // A declaration that fits all but a few bytes (pages carry stray invalid bytes) is trusted without the
        // detector, which is the slowest step of decoding.
        if (best is not null && bestErrors <= sample.Length / 1000) return best;

        var detected = Detect(sample);
        if (detected is not null && !candidates.Contains(detected))
        {
            var errors = Errors(detected, sample);
            if (errors <= slack || errors < bestErrors) (best, bestErrors) = (detected, errors);
        }
        // Chinese pages: when nothing fits, GB18030 (which maps nearly every byte sequence) is the best guess.
        var gb = Resolve("gb18030");
        if (best is null || (gb is not null && bestErrors > 0 && Errors(gb, sample) < bestErrors))
            best = gb;
        return best ?? Encoding.UTF8;
    }

    private static void AddCandidate(List<Encoding> candidates, Encoding? encoding)
    {
        if (encoding is not null && !candidates.Contains(encoding)) candidates.Add(encoding);
    }

    private static Encoding? Detect(ReadOnlySpan<byte> sample)
    {
        var detected = CharsetDetector.DetectFromBytes(sample).Detected;
        return detected is null || detected.Confidence < 0.2f ? null : Resolve(detected.EncodingName);
    }

    /// <summary>Maps a declared or detected name to an encoding; GB2312/GBK become GB18030 (pages use its characters).</summary>
    internal static Encoding? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var key = name.Trim().ToLowerInvariant();
        key = key switch
        {
            "gb2312" or "gbk" or "x-gbk" or "gb_2312-80" or "euc-cn" or "cp936" or "windows-936" or "x-euc-cn" or "hz-gb-2312" or "gb-2312" => "gb18030",
            "big5-hkscs" or "x-x-big5" or "cp950" => "big5",
            "utf8" => "utf-8",
            "ascii" or "us-ascii" or "iso-8859-1" or "latin1" => "windows-1252",
            _ => key,
        };
        try
        {
            return Encoding.GetEncoding(key);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Each charset is decoded once per document, however often the choice asks about it.</summary>
    private static int Try(Encoding encoding, ReadOnlySpan<byte> sample, bool whole, List<Trial> trials)
    {
        foreach (var trial in trials)
        {
            if (trial.Encoding.Equals(encoding)) return trial.Errors;
        }
        var errors = CountErrors(encoding, sample, out var text);
        trials.Add(new Trial(encoding, errors, whole ? text : null));
        return errors;
    }

    /// <summary>Replacement characters produced when decoding: a cheap measure of how well a charset fits.</summary>
    private static int CountErrors(Encoding encoding, ReadOnlySpan<byte> sample, out string? text)
    {
        if (encoding is UTF8Encoding)
        {
            text = null;
            return Utf8.IsValid(sample) ? 0 : Encoding.UTF8.GetString(sample).Count(c => c == '\uFFFD');
        }
        text = encoding.GetString(sample);
        int replacements = 0, questionMarks = 0;
        foreach (var c in text)
        {
            if (c == '\uFFFD') replacements++;
            else if (c == '?') questionMarks++;
        }
        // '?' is the code pages' replacement, but most are the page's own (every link with a query string): only those
        // beyond the page's '?' bytes are errors. Counting them all sent pages with many links to the slow detector.
        if (questionMarks > 0 && MapsQuestionMark(encoding))
            questionMarks = Math.Max(0, questionMarks - sample.Count((byte)'?'));
        return replacements + questionMarks;
    }

    /// <summary>The byte '?' decodes to '?' (ASCII-compatible charsets; not UTF-16 or EBCDIC), so the page's '?' bytes can be told apart.</summary>
    private static bool MapsQuestionMark(Encoding encoding)
    {
        Span<char> one = stackalloc char[2];
        return encoding.GetChars("?"u8, one) == 1 && one[0] == '?';
    }

    /// <summary>
    /// NUL bytes (more than a stray one in a hundred) or many C0 controls in the first few KB mean this is not a
    /// text document. A page with a few stray NULs is still a page.
    /// </summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        int nuls = 0, controls = 0;
        foreach (var b in sample)
        {
            if (b == 0) nuls++;
            else if (b < 0x09 || (b > 0x0D && b < 0x20)) controls++;
        }
        return sample.Length > 0 && (nuls * 100 > sample.Length || (nuls + controls) * 20 > sample.Length);
    }
}
