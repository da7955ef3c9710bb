using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using NewsFunctions.Content.Articles;
using NewsFunctions.Content.Search;

namespace NewsFunctions.FunctionApp.Http;

/// <summary>
/// Validates the query string of <c>GET /api/articles</c> into an <see cref="ArticleQuery"/>. Every problem is
/// collected, so one 400 names all the bad parameters. Dates without an offset are China time (+08:00), the
/// time zone the sites publish in; <c>to</c> is inclusive (a bare date means the whole day).
/// </summary>
internal static class ArticleListParameters
{
    private static readonly TimeSpan DefaultOffset = TimeSpan.FromHours(8);
    private const int MaxFilterLength = 200;

    public static bool TryParse(IQueryCollection query, int maxQueryLength, [NotNullWhen(true)] out ArticleQuery? result, [NotNullWhen(false)] out Dictionary<string, string[]>? errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var length = query.Sum(q => q.Key.Length + q.Value.Sum(v => (v?.Length ?? 0) + 1));
        if (length > maxQueryLength)
        {
            errors["query"] = [$"The query string is {length} characters; at most {maxQueryLength} are accepted."];
            result = null;
            return false;
        }
        var limit = ArticleQuery.DefaultLimit;
        ArticleCursor? cursor = null;
        DateTimeOffset? from = null, before = null;

        if (Single(query, "limit", errors) is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > ArticleQuery.MaxLimit)
                errors["limit"] = [$"limit must be a whole number from 1 to {ArticleQuery.MaxLimit}."];
        }
        if (Single(query, "cursor", errors) is { } cursorText && !ArticleCursor.TryParse(cursorText, out cursor))
            errors["cursor"] = ["cursor is not one this API returned. Pass the nextCursor of the previous page unchanged."];
        var category = Filter(query, "category", errors);
        var source = Filter(query, "source", errors);
        var search = Single(query, "q", errors);
        if (search is not null && !SearchTerms.TryParseQuery(search, out _, out var searchError))
            errors["q"] = [searchError];
        if (Single(query, "from", errors) is { } fromText)
        {
            if (TryParseTime(fromText, out var time, out _)) from = time;
            else errors["from"] = ["from must be a date (2020-09-23) or an ISO 8601 date-time, from 1900 on."];
        }
        if (Single(query, "to", errors) is { } toText)
        {
            if (TryParseTime(toText, out var time, out var dateOnly)) before = dateOnly ? time.AddDays(1) : time.AddTicks(1);
            else errors["to"] = ["to must be a date (2020-09-23) or an ISO 8601 date-time, from 1900 on."];
        }
        if (from is not null && before is not null && from >= before)
            errors["from"] = ["from must not be after to."];

        if (errors.Count > 0)
        {
            result = null;
            return false;
        }
        errors = null;
        result = new ArticleQuery { Limit = limit, Cursor = cursor, Category = category, Source = source, Search = search, From = from, Before = before };
        return true;
    }

    private static string? Single(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0)
            return null;
        if (values.Count > 1)
        {
            errors[name] = [$"{name} may be given once."];
            return null;
        }
        return values[0];
    }

    private static string? Filter(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var value = Single(query, name, errors)?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (value.Length > MaxFilterLength || value.Any(char.IsControl))
        {
            errors[name] = [$"{name} must be at most {MaxFilterLength} characters, without control characters."];
            return null;
        }
        return value;
    }

    /// <summary>Dates outside this range are typos, and near the ends of time the +08:00 offset or the inclusive day would overflow.</summary>
    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static bool TryParseTime(string text, out DateTimeOffset time, out bool dateOnly)
    {
        if (!TryParseAnyTime(text, out time, out dateOnly))
            return false;
        return time >= Earliest && time < Latest;
    }

    private static bool TryParseAnyTime(string text, out DateTimeOffset time, out bool dateOnly)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is > 1 and < 9999)
        {
            time = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), DefaultOffset);
            dateOnly = true;
            return true;
        }
        dateOnly = false;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out time) && text.Contains('T', StringComparison.Ordinal))
        {
            var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal);
            if (!hasOffset && time.Year is > 1 and < 9999)
                time = new DateTimeOffset(time.DateTime, DefaultOffset);
            return true;
        }
        return false;
    }
}
