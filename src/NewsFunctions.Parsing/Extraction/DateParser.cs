using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsFunctions.Parsing.Extraction;

/// <summary>Publication dates as Chinese pages write them: 2020-09-23, 2020年9月23日 08:18, 2010/1/6 16:43:13.</summary>
internal static partial class DateParser
{
    /// <summary>China Standard Time: Chinese sites publish in it unless they say otherwise.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?<m>\d{1,2})\s*(?:[-/.]|月)\s*(?<d>\d{1,2})\s*日?(?:\s*(?<h>\d{1,2})\s*[:：时]\s*(?<min>\d{1,2})(?:\s*[:：分]\s*(?<s>\d{1,2}))?)?", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    public static bool TryParse(string text, out DateTimeOffset value, out bool hasTime)
    {
        foreach (Match match in DatePattern().Matches(text))
        {
            if (TryBuild(match, out value, out hasTime))
                return true;
        }
        value = default;
        hasTime = false;
        return false;
    }

    private static bool TryBuild(Match m, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        int year = Int(m, "y"), month = Int(m, "m"), day = Int(m, "d");
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        int hour = 0, minute = 0, second = 0;
        if (m.Groups["h"].Success)
        {
            hour = Int(m, "h");
            minute = Int(m, "min");
            second = m.Groups["s"].Success ? Int(m, "s") : 0;
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
