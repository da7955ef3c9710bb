using System.Globalization;
using AngleSharp.Dom;
using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Html;

/// <summary>
/// The publication time a page keeps in a script variable and writes into the page when it runs
/// (<c>var publish_time = "2021-05-06 10:20"</c>, <c>"pubDate":"…"</c>, WeChat's <c>var ct = "1621234567"</c>, Unix
/// seconds). Read by searching the script text for the names, not by running or parsing the script.
/// </summary>
internal static class ScriptDate
{
    private static readonly string[] Names = ["publish_time", "publishTime", "publishtime", "pubDate", "pubdate", "pubTime", "pub_time", "publish_date", "publishDate", "datePublished"];

    /// <summary>Scripts longer than this are libraries, not page data.</summary>
    private const int MaxScriptChars = 300_000;

    public static DateTimeOffset? Find(List<IElement> scripts)
    {
        foreach (var script in scripts)
        {
            var text = script.TextContent;
            if (text.Length is < 8 or > MaxScriptChars) continue;
            if (FindAssigned(text, "var ct") is { } wechat) return wechat;
            foreach (var name in Names)
                if (FindAssigned(text, name) is { } found) return found;
        }
        return null;
    }

    /// <summary>The first occurrence of <paramref name="name"/> that is assigned a date ("var ctx = …" is passed over for "var ct").</summary>
    private static DateTimeOffset? FindAssigned(string text, string name)
    {
        var at = 0;
        while ((at = text.IndexOf(name, at, StringComparison.Ordinal)) >= 0)
        {
            if (Read(text.AsSpan(at), name) is { } value && FromValue(value) is { } found) return found;
            at += name.Length;
        }
        return null;
    }

    /// <summary>The quoted or numeric value assigned to <paramref name="name"/> right at the start of <paramref name="text"/>:
    /// <c>name = "v"</c>, <c>"name": "v"</c>, <c>name: 1621234567</c>.</summary>
    private static string? Read(ReadOnlySpan<char> text, string name)
    {
        var at = text.IndexOf(name, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = text[(at + name.Length)..].TrimStart("\"' ".AsSpan());
        if (rest.IsEmpty || rest[0] is not (':' or '=')) return null;
        rest = rest[1..].TrimStart(' ');
        if (rest.IsEmpty) return null;
        if (rest[0] is '"' or '\'')
        {
            var quote = rest[0];
            var end = rest[1..Math.Min(rest.Length, 42)].IndexOf(quote);
            return end is > 0 and <= 40 ? rest.Slice(1, end).ToString() : null;
        }
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits])) digits++;
        return digits > 0 ? rest[..digits].ToString() : null;
    }

    private static DateTimeOffset? FromValue(string value)
    {
        if (value.Length is 10 or 13 && value.All(char.IsAsciiDigit) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var seconds = value.Length == 13 ? number / 1000 : number;
            var instant = DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(DateParser.ChinaOffset);
            return instant.Year is >= 1995 and <= 2100 ? instant : null;
        }
        return DateParser.TryParseMachine(value, out var parsed, out var hasTime) && hasTime ? parsed : null;
    }
}
