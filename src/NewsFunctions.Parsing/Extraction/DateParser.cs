using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsFunctions.Parsing.Extraction;

/// <summary>Publication dates as Chinese pages write them: 2020-09-23, 2020年9月23日 08:18, 2010/1/6 16:43:13.</summary>
internal static partial class DateParser
{
    /// <summary>China Standard Time: Chinese sites publish in it unless they say otherwise.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Year first (2020-09-23, 2020年9月23日, 2010/1/6 16:43:13) or, on pages in Western formats, day/month/year
    /// (06/02/2022 - 13:48, 7/5/2005 9:23:57 PM); an optional time follows.</summary>
    [GeneratedRegex(@"(?<!\d)(?:(?<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?<m>\d{1,2})\s*(?:[-/.]|月)\s*(?<d>\d{1,2})\s*日?|(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>(?:19|20)\d{2}))(?:(?:\s*-?\s*|T)(?<h>\d{1,2})\s*[:：时]\s*(?<min>\d{1,2})(?:\s*[:：分]\s*(?<s>\d{1,2}))?(?:\s*(?<ampm>[AaPp][Mm]))?)?", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    /// <summary>English dates on Chinese blogs: "September 10th, 2005 10:56 am", "Sep 10, 2005".</summary>
    [GeneratedRegex(@"\b(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})(?:\s+(?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2}))?\s*(?<ampm>[AaPp][Mm])?)?", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishDatePattern();

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static bool TryParse(string text, out DateTimeOffset value, out bool hasTime) =>
        TryFind(text, out value, out hasTime, out _);

    /// <summary>The first valid date in the text, with where it sits (so the rest of a line can be read as a byline).</summary>
    public static bool TryFind(string text, out DateTimeOffset value, out bool hasTime, out Range span)
    {
        span = default;
        if (!ContainsYear(text))
        {
            value = default;
            hasTime = false;
            return false;
        }
        foreach (Match match in DatePattern().Matches(text))
        {
            if (TryBuild(match, out value, out hasTime))
            {
                span = match.Index..(match.Index + match.Length);
                return true;
            }
        }
        foreach (Match match in EnglishDatePattern().Matches(text))
        {
            if (TryBuild(match, out value, out hasTime))
            {
                span = match.Index..(match.Index + match.Length);
                return true;
            }
        }
        value = default;
        hasTime = false;
        return false;
    }

    /// <summary>Cheap pre-check (four digits starting 19 or 20) so most lines never reach the regex.</summary>
    internal static bool ContainsYear(string text)
    {
        // A vectorised search for the next '1' or '2' skips the letters between them.
        var rest = text.AsSpan();
        while (true)
        {
            var at = rest.IndexOfAny('1', '2');
            if (at < 0 || at + 3 >= rest.Length) return false;
            if ((rest[at] == '1' ? rest[at + 1] == '9' : rest[at + 1] == '0') && char.IsAsciiDigit(rest[at + 2]) && char.IsAsciiDigit(rest[at + 3]))
                return true;
            rest = rest[(at + 1)..];
        }
    }

    /// <summary>Machine dates from meta tags, JSON-LD and time elements (ISO 8601 and close relatives).
    /// Without an offset the time is China time; with one it is converted to China time (same instant).</summary>
    public static bool TryParseMachine(string? text, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        if (trimmed.Length > 64) return false;
        var hasOffset = trimmed.EndsWith('Z') || trimmed.LastIndexOfAny(['+']) > 9 || (trimmed.Length > 19 && trimmed.LastIndexOf('-') > 10);
        if (hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && withOffset.Year >= 1990)
        {
            value = withOffset.ToOffset(ChinaOffset);
            hasTime = true;
            return true;
        }
        if (TryParse(trimmed, out value, out hasTime)) return true;
        return false;
    }

    private static bool TryBuild(Match m, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        int year = Int(m, "y"), month, day;
        if (m.Groups["mon"].Success)
        {
            month = Array.IndexOf(Months, m.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
            day = Int(m, "d");
        }
        else if (m.Groups["a"].Success)
        {
            // a/b/yyyy is ambiguous; day first (the rest of the world, and what Chinese readers assume) unless b cannot be a month.
            int a = Int(m, "a"), b = Int(m, "b");
            (day, month) = b > 12 ? (b, a) : (a, b);
        }
        else
        {
            month = Int(m, "m");
            day = Int(m, "d");
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        int hour = 0, minute = 0, second = 0;
        if (m.Groups["h"].Success)
        {
            hour = Int(m, "h");
            minute = Int(m, "min");
            second = m.Groups["s"].Success ? Int(m, "s") : 0;
            if (m.Groups["ampm"].Success)
            {
                var pm = m.Groups["ampm"].Value is "PM" or "pm" or "Pm" or "pM";
                if (pm && hour < 12) hour += 12;
                else if (!pm && hour == 12) hour = 0;
            }
            if (hour > 23 || minute > 59 || second > 59)
                hour = minute = second = 0;
            else
                hasTime = true;
        }
        value = new DateTimeOffset(year, month, day, hour, minute, second, ChinaOffset);
        return true;
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
}
