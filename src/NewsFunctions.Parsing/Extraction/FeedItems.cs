namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// Feeds and "you may also like" lists print every teaser under a short byline of its own: a source with a
/// relative time ("某某社 · 4 小時前") or a date in the same shape as many others on the page ("News •
/// 2023年6月12日", the day without a time). A line between two such bylines a few lines apart is a teaser,
/// however long its summary, unless another date sits between them: an article's dateline is followed by its
/// paragraphs, not by another byline.
/// </summary>
internal static class FeedItems
{
    /// <summary>Most lines a teaser (picture, headline, summary) spans from one byline to the next.</summary>
    private const int MaxItemLines = 5;

    private static readonly string[] RelativeTimes =
    [
        "小時前", "小时前", "分鐘前", "分钟前", "秒前", "天前", "昨日", "昨天", "前日", "前天", "剛剛", "刚刚",
        "hours ago", "hour ago", "minutes ago", "minute ago", "days ago", "day ago", "yesterday",
    ];

    public static bool[] Teasers(IReadOnlyList<Block> blocks)
    {
        var teasers = new bool[blocks.Count];
        var bylines = Bylines(blocks);
        // Most pages have no teaser bylines at all.
        if (Array.IndexOf(bylines, true) < 0) return teasers;
        var previous = -1;
        var between = 0;
        var dated = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Letters == 0) continue;
            if (!bylines[i])
            {
                between++;
                // An article's own dateline between two bylines means the lines there are an article, not one teaser.
                if (previous >= 0 && !dated && between <= MaxItemLines)
                    dated = DateParser.ContainsYear(blocks[i].Text) && DateParser.TryFind(blocks[i].Text, out _, out _, out _);
                continue;
            }
            if (previous >= 0 && between is > 0 and <= MaxItemLines && !dated)
                for (var j = previous + 1; j < i; j++) teasers[j] = true;
            previous = i;
            between = 0;
            dated = false;
            MarkHeadlineAndSummary(blocks, bylines, teasers, i);
        }
        return teasers;
    }

    /// <summary>
    /// The last teaser of a list has no byline below it. An article prints its headline above its dateline, a
    /// teaser list prints the headline below the byline: a byline followed by a headline-like line (short, no
    /// sentence punctuation) starts a teaser of headline and summary.
    /// </summary>
    private static void MarkHeadlineAndSummary(IReadOnlyList<Block> blocks, bool[] bylines, bool[] teasers, int byline)
    {
        var headline = NextLine(blocks, byline);
        if (headline < 0 || bylines[headline] || blocks[headline].Letters >= 40 || blocks[headline].Punctuation > 0) return;
        teasers[headline] = true;
        var summary = NextLine(blocks, headline);
        if (summary >= 0 && !bylines[summary]) teasers[summary] = true;
    }

    private static int NextLine(IReadOnlyList<Block> blocks, int index)
    {
        for (var i = index + 1; i < blocks.Count; i++)
            if (blocks[i].Letters > 0) return i;
        return -1;
    }

    private static bool[] Bylines(IReadOnlyList<Block> blocks)
    {
        var bylines = new bool[blocks.Count];
        // Shapes first (no regular expression): only a dated shape seen three times is worth parsing as a date.
        var shapes = new ulong[blocks.Count];
        Dictionary<ulong, int>? counts = null;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (!IsShort(blocks[i])) continue;
            if (EndsWithRelativeTime(blocks[i].Text))
            {
                bylines[i] = true;
                continue;
            }
            if (!DateParser.ContainsYear(blocks[i].Text)) continue;
            var shape = shapes[i] = Shape(blocks[i].Text);
            counts ??= [];
            counts[shape] = counts.GetValueOrDefault(shape) + 1;
        }
        if (counts is null) return bylines;
        // Lines of one shape share their format: the date parser runs once per shape.
        Dictionary<ulong, bool>? dayOnly = null;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (shapes[i] == 0 || counts[shapes[i]] < 3) continue;
            dayOnly ??= [];
            if (!dayOnly.TryGetValue(shapes[i], out var isByline))
            {
                // A post header carries its full time (2005-03-21 01:20:44); a teaser list, the day alone.
                isByline = DateParser.TryFind(blocks[i].Text, out _, out var hasTime, out _) && !hasTime;
                dayOnly[shapes[i]] = isByline;
            }
            bylines[i] = isByline;
        }
        return bylines;
    }

    private static bool IsShort(Block block) => block.Letters is > 0 and < 30;

    internal static bool EndsWithRelativeTime(string text)
    {
        var trimmed = text.AsSpan().TrimEnd();
        if (trimmed.IsEmpty) return false;
        // Most short lines end otherwise: one look at the last letter spares the comparisons.
        var last = char.ToLowerInvariant(trimmed[^1]);
        if (last is not ('前' or '日' or '天' or '剛' or '刚' or 'o' or 'y')) return false;
        foreach (var relative in RelativeTimes)
        {
            if (relative[^1] != last) continue;
            if (trimmed.EndsWith(relative, char.IsAscii(last) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// A line's shape, hashed: every run of digits as one 0, so dates of one format and layout look alike
    /// (FNV-1a over the shape's characters, never 0; no string is built).
    /// </summary>
    internal static ulong Shape(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        var previousDigit = false;
        foreach (var c in text)
        {
            var digit = char.IsAsciiDigit(c);
            if (digit && previousDigit) continue;
            previousDigit = digit;
            hash = (hash ^ (digit ? '0' : c)) * 1099511628211UL;
        }
        return hash == 0 ? 1 : hash;
    }
}
