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

    /// <summary>"18-03-08 23:16": a two-digit year, believed only after a date label (发布时间:).</summary>
    [GeneratedRegex(@"(?<!\d)(?<y>\d{2})-(?<m>\d{1,2})-(?<d>\d{1,2})(?:\s*(?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2}))?)?(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex TwoDigitYearPattern();

    /// <summary>"03-08 23:16", "3月8日 23:16", "3月8日": a date without its year (a dash form needs its time).</summary>
    [GeneratedRegex(@"(?<![\d./-])(?:(?<m>\d{1,2})-(?<d>\d{1,2})\s*(?<h>\d{1,2}):(?<min>\d{2})|(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日(?:\s*(?<h>\d{1,2})\s*[:：]\s*(?<min>\d{2}))?)(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex YearlessPattern();

    /// <summary>"3小时前", "25分钟前", "2天前", "昨天 10:20", "刚刚", "2 hours ago": a time relative to when the page was shown.</summary>
    /// <remarks>A day after a month ("5月3日前完成") is a deadline, not "3 days ago"; a day word or 刚刚 running on into a
    /// sentence ("今天是植树节", "刚刚过去的一年") is prose: a stamp ends there, or goes on with a space or a separator.</remarks>
    [GeneratedRegex(@"(?<![\d月])(?<!月\s+)(?<n>\d{1,3})\s*(?<unit>秒|分钟|分鐘|小时|小時|天|日)前|(?<day>今天|昨天|前天|昨日|前日)\s*(?:(?<h>\d{1,2})\s*[:：]\s*(?<min>\d{2}))?(?![^\s|｜·/])|(?<now>刚刚|剛剛)(?![^\s|｜·/])|(?<n>\d{1,3})\s+(?<unit>minutes?|hours?|days?)\s+ago", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RelativePattern();

    /// <summary>A date in a page's address: /2020-09/23/, /20200923/, t20200923_, /2020/09/23/, /202009/23/, /2020/0923/.</summary>
    [GeneratedRegex(@"(?<!\d)(?<y>20\d{2}|19\d{2})[-/_]?(?<m>\d{2})[-/_]?(?<d>\d{2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDatePattern();

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
        // The range is checked on the instant: converting 9999-12-31T20:00Z to China time would overflow.
        if (hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && withOffset.UtcDateTime.Year is >= 1990 and <= 2100)
        {
            value = withOffset.ToOffset(ChinaOffset);
            hasTime = true;
            return true;
        }
        if (TryParse(trimmed, out value, out hasTime)) return true;
        return false;
    }

    /// <summary>
    /// Dates that need more than their own text: a two-digit year after a date label, a date without its year, a
    /// relative time. The year and "now" come from <paramref name="reference"/> (the page's other dates: its
    /// modified time, its address, its latest full date); without one only the two-digit year is read.
    /// </summary>
    public static bool TryFindLoose(string text, bool labelled, DateTimeOffset? reference, out DateTimeOffset value, out bool hasTime, out Range span)
    {
        value = default;
        hasTime = false;
        span = default;
        if (labelled)
        {
            foreach (Match match in TwoDigitYearPattern().Matches(text))
            {
                var year = Int(match, "y");
                if (TryCompose(year + (year <= 69 ? 2000 : 1900), match, out value, out hasTime))
                {
                    span = match.Index..(match.Index + match.Length);
                    return true;
                }
            }
        }
        if (reference is not { } now) return false;
        var relative = RelativePattern().Match(text);
        if (relative.Success && TryRelative(relative, now, out value, out hasTime))
        {
            span = relative.Index..(relative.Index + relative.Length);
            return true;
        }
        foreach (Match match in YearlessPattern().Matches(text))
        {
            // The year of the reference, or the one before when that would put the date after it (a December page read in January).
            if (!TryCompose(now.Year, match, out value, out hasTime)) continue;
            if (value > now.AddDays(2) && !TryCompose(now.Year - 1, match, out value, out hasTime)) continue;
            span = match.Index..(match.Index + match.Length);
            return true;
        }
        return false;
    }

    /// <summary>The text holds a relative time or a date without its year (which need a reference to be read).</summary>
    public static bool HasLooseForm(string text) => RelativePattern().IsMatch(text) || YearlessPattern().IsMatch(text);

    private static bool TryRelative(Match match, DateTimeOffset now, out DateTimeOffset value, out bool hasTime)
    {
        now = now.ToOffset(ChinaOffset);
        value = default;
        hasTime = false;
        if (match.Groups["now"].Success)
        {
            (value, hasTime) = (now, true);
            return true;
        }
        if (match.Groups["day"].Success)
        {
            var back = match.Groups["day"].Value switch { "今天" => 0, "昨天" or "昨日" => 1, _ => 2 };
            var day = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, ChinaOffset).AddDays(-back);
            if (match.Groups["h"].Success)
            {
                int hour = Int(match, "h"), minute = Int(match, "min");
                if (hour > 23 || minute > 59) return false;
                (value, hasTime) = (day.AddHours(hour).AddMinutes(minute), true);
            }
            else value = day;
            return true;
        }
        var n = Int(match, "n");
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        (value, hasTime) = unit switch
        {
            "秒" => (now.AddSeconds(-n), true),
            "分钟" or "分鐘" or "minute" or "minutes" => (now.AddMinutes(-n), true),
            "小时" or "小時" or "hour" or "hours" => (now.AddHours(-n), true),
            _ => (new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, ChinaOffset).AddDays(-n), false),
        };
        return value.Year is >= 1990 and <= 2100;
    }

    /// <summary>A date from month, day and optional time groups with the given year.</summary>
    private static bool TryCompose(int year, Match m, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        int month = Int(m, "m"), day = Int(m, "d");
        if (year is < 1990 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        int hour = 0, minute = 0, second = 0;
        if (m.Groups["h"].Success)
        {
            hour = Int(m, "h");
            minute = Int(m, "min");
            second = m.Groups["s"].Success ? Int(m, "s") : 0;
            if (hour > 23 || minute > 59 || second > 59) hour = minute = second = 0;
            else hasTime = true;
        }
        value = new DateTimeOffset(year, month, day, hour, minute, second, ChinaOffset);
        return true;
    }

    /// <summary>The day a page's address carries (htmldate's signal: CMSs file articles under their date), or null.</summary>
    public static DateTimeOffset? FromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        foreach (Match match in UrlDatePattern().Matches(uri.AbsolutePath))
        {
            var year = Int(match, "y");
            if (TryCompose(year, match, out var value, out _)) return value;
        }
        return null;
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
