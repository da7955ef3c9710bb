namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// The headline of a page known only from its visible text (a text dump: no &lt;title&gt;, no h1). Lines above the
/// body are scored as headlines: a headline is short, has no sentence punctuation at its end, is not a menu, sits
/// above the dateline or byline, and is often repeated as the last crumb of the breadcrumb. Side columns that
/// w3m printed on the headline's line are cut off first.
/// </summary>
internal static class DumpTitleFinder
{
    /// <summary>How far above the body a headline is looked for: share bars and tool rows can sit in between.</summary>
    private const int Reach = 40;

    public static (string? Title, int Index) Find(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyStart)
    {
        if (bodyStart < 0 || bodyStart >= blocks.Count) return (null, -1);
        var from = Math.Max(0, bodyStart - Reach);
        var to = Math.Min(blocks.Count, bodyStart + 3);
        var crumbs = LastCrumbs(blocks, roles, Math.Max(0, from - 10), to);
        // Scrapers often write the page's title as the dump's first line: it plays the part of <title>.
        var first = FirstLine(blocks);
        var firstText = first >= 0 ? Candidate(blocks[first], roles[first], tight: false).Text : null;
        var firstNormalized = firstText is null ? null : TextStats.Normalize(firstText);
        // A breadcrumb starts the article's part of the page: a first line above it is the masthead.
        var crumbAfterFirst = first >= 0 && Enumerable.Range(first, Math.Max(0, bodyStart - first)).Any(i => roles[i] == BlockRole.Breadcrumb);

        var (bestIndex, bestScore, bestText) = (-1, -5.0, (string?)null);
        foreach (var i in first >= 0 && first < from ? to > from ? [first, .. Enumerable.Range(from, to - from)] : [first] : Enumerable.Range(from, to - from))
        {
            var below = Below(blocks, roles, i);
            // Right above a labelled dateline or byline any line is the headline, even "1" (a chapter's number).
            var tight = below is { Kind: > 0, Seen: 1, Labelled: true };
            var (text, cellBullet) = Candidate(blocks[i], roles[i], tight);
            if (text is null) continue;
            var normalized = TextStats.Normalize(text);
            var isCrumb = crumbs.Contains(normalized);
            // Two-letter headlines (a poem's title) are believed only when the breadcrumb ends with them.
            if (normalized.Length < 4 && !isCrumb && !tight) continue;
            // Inside the body only a line that a dateline or byline follows is a headline the body run swallowed.
            if (i >= bodyStart && below.Kind == 0) continue;
            var score = Math.Min(normalized.Length, 30) * 0.5
                + (isCrumb ? 15 : 0)
                + (below.Kind switch { 2 => 15, 1 => 6, _ => 0 }) - 2 * Math.Max(0, below.Seen - 1)
                - (i < bodyStart ? Math.Min(bodyStart - i, 60) * 0.3 : 3);
            if (i == first && !crumbAfterFirst) score += 8;
            if (i != first && firstNormalized is not null && normalized == firstNormalized) score += 15;
            // A dump's bullets and [placeholders] mark menu lines; in a row of cells they belong to the other cells.
            if ((blocks[i].LinkDensity > 0.5 && blocks[i].Cells.Count == 0) || cellBullet) score -= 8;
            // "user | headline | 2023-04-02 10:00": the dateline printed in the next cell.
            // A date inside the headline's own cell ("·某某(2008-07-01 13:48PM)") is a teaser's stamp, not a dateline beside it.
            if (below.Kind < 2 && blocks[i].Cells.Any(c => c != text && HeadlineLike(c, tight) != text && DateParser.TryFind(c, out _, out _, out _)))
                score += below.Kind == 1 ? 7 : 15;
            if (roles[i] == BlockRole.Noise) score -= 6;
            // A line of a few letters is more often a button ("分享/收藏") or a column's name than a headline.
            if (normalized.Length < 6 && !isCrumb) score -= 6;
            // A long line with a comma is more often the standfirst under the headline than the headline.
            if (normalized.Length > 30 && text.AsSpan().IndexOfAny(Clauses) >= 0) score -= 4;
            // "【一线观察】": a bracketed column name, not the headline.
            if (IsBracketed(text)) score -= 10;
            if (score > bestScore) (bestIndex, bestScore, bestText) = (i, score, text);
        }
        if (bestIndex < 0 || bestText is null) return (null, -1);
        (bestIndex, bestText) = WithoutPrefix(blocks, roles, bestIndex, bestText, from, to);
        var (title, index) = Joined(blocks, roles, bestIndex, bestText, bodyStart);
        return (Polish(title), index);
    }

    /// <summary>
    /// "张三:我为什么写这条路" above the body and "我为什么写这条路" again nearby: the page's header put the
    /// writer before the headline; the bare headline is the one repeated.
    /// </summary>
    private static (int Index, string Text) WithoutPrefix(IReadOnlyList<Block> blocks, BlockRole[] roles, int index, string text, int from, int to)
    {
        var colon = text.IndexOfAny([':', '：']);
        if (colon is < 1 or > 12) return (index, text);
        var rest = TextStats.Normalize(text[(colon + 1)..]);
        if (rest.Length < 4) return (index, text);
        for (var i = from; i < to; i++)
        {
            if (i == index || blocks[i].Letters != rest.Length) continue;
            var (other, _) = Candidate(blocks[i], roles[i], tight: false);
            if (other is not null && TextStats.Normalize(other) == rest) return (i, other);
        }
        return (index, text);
    }

    private static int FirstLine(IReadOnlyList<Block> blocks)
    {
        for (var i = 0; i < blocks.Count && i < 50; i++)
            if (blocks[i].Letters > 0) return i;
        return -1;
    }

    /// <summary>The block's headline-like text: the line, or its best cell when w3m put columns beside it.</summary>
    private static (string? Text, bool CellBullet) Candidate(Block block, BlockRole role, bool tight)
    {
        if (block.Letters == 0 || block.Letters > 150 || block.IsPlaceholder) return (null, false);
        if (role is BlockRole.Footer or BlockRole.Breadcrumb or BlockRole.PreviousNext or BlockRole.Image) return (null, false);
        // A labelled line is no headline, unless w3m printed the headline in a cell beside the date.
        if (role == BlockRole.Meta && block.Cells.Count == 0) return (null, false);
        if (block.Cells.Count == 0) return (HeadlineLike(block.Text, tight), false);
        (string? Text, bool Bullet) best = (null, false);
        var bestCjk = 0;
        foreach (var cell in block.Cells)
        {
            var text = HeadlineLike(cell, tight);
            if (text is null) continue;
            var cjk = text.Count(TextStats.IsCjk);
            if (cjk > bestCjk) (best, bestCjk) = ((text, cell[0] is '·' or '•' or '-' or '*' or '●' or '>' or '»'), cjk);
        }
        return best;
    }

    private static readonly System.Buffers.SearchValues<char> SentenceEnds = System.Buffers.SearchValues.Create("。，,；;：:、");
    private static readonly System.Buffers.SearchValues<char> Clauses = System.Buffers.SearchValues.Create("。，,；;");

    /// <summary>The cleaned text if it reads like a headline; null for sentences, labels, dates, credits and menus.</summary>
    /// <param name="tight">Right above a dateline: short and numeric lines count too.</param>
    internal static string? HeadlineLike(string raw, bool tight = false)
    {
        var text = TitleFinder.Clean(raw).TrimStart('*', '·', '-', '>', ' ').Trim();
        if (text.Length == 0) return null;
        TextStats.Count(text, out var letters, out _);
        if (letters is 0 or > 60) return null;
        // Quotes and 、 are common in headlines; two clauses or more are a sentence.
        var clauses = 0;
        foreach (var c in text)
            if (Clauses.Contains(c)) clauses++;
        if (clauses > 2) return null;
        if (text.AsSpan().LastIndexOfAny(SentenceEnds) == text.Length - 1 || text.Contains('。', StringComparison.Ordinal)) return null;
        if (!tight && text.Count(char.IsAsciiDigit) * 2 >= letters) return null;
        if (Labels.ReadLabelledValues(text).Count > 0) return null;
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)) return null;
        if (letters < 30 && Labels.Reporter().IsMatch(text)) return null;
        // A date with a word or two beside it is a dateline, not a headline that mentions a day.
        if (DateParser.TryFind(text, out _, out _, out var span) && letters - TextStats.Normalize(text[span]).Length < 6) return null;
        return IsMenu(text) ? null : text;
    }

    /// <summary>"首页 * 新闻 * 体育", "要闻 国际 财经 体育": many short words, or many Chinese words, in a row.</summary>
    private static bool IsMenu(string text)
    {
        var words = text.Split([' ', '|', '*', '·', '•', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4) return false;
        var shortWords = words.Count(w => w.Count(char.IsLetterOrDigit) <= 4);
        // Chinese headlines have a space or two between their halves, not four Chinese words in a row.
        var chineseWords = words.Count(w => w.Any(TextStats.IsCjk));
        return shortWords * 3 >= words.Length * 2 || chineseWords >= 4;
    }

    private static bool IsBracketed(string text) =>
        text.Length > 2 && text[0] is '【' or '[' or '〖' && text[^1] is '】' or ']' or '〗';

    /// <summary>What follows a line: Kind 2 a dateline, 1 a byline, credit or lone name, 0 neither; Seen is how many lines down.</summary>
    private readonly record struct Follower(int Kind, int Seen, bool Labelled);

    private static Follower Below(IReadOnlyList<Block> blocks, BlockRole[] roles, int index)
    {
        var seen = 0;
        for (var i = index + 1; i < blocks.Count && seen < 4; i++)
        {
            var block = blocks[i];
            if (block.Letters == 0 || block.IsPlaceholder || roles[i] == BlockRole.Image || block.LinkDensity > 0.9) continue;
            seen++;
            // A breadcrumb between them: the line above it is the page's header, not the article's headline.
            if (roles[i] == BlockRole.Breadcrumb) break;
            if (roles[i] == BlockRole.Meta || block.Cells.Any(c => Roles.IsMeta(new Block(c))))
            {
                // "headline    2007-06-21 02:31:55": a row that prints its own headline before the date is no line's dateline.
                if (HasHeadlineBeforeDate(block)) break;
                var labelled = Labels.ReadLabelledValues(block.Text).Any(v => v.Field != Labels.Field.Other);
                return new Follower(DateParser.TryFind(block.Text, out _, out _, out _) ? 2 : 1, seen, labelled);
            }
            if (block.Letters < 30 && (Labels.Reporter().IsMatch(block.Text) || Labels.WriterCredit().IsMatch(block.Text))) return new Follower(1, seen, true);
            // "李四" alone under the headline: the writer's name.
            if (seen == 1 && block.Letters is 2 or 3 && block.Text.Length == block.Letters && block.Text.All(TextStats.IsCjk)) return new Follower(1, seen, false);
            // Tool rows ("分享/收藏", "分享到") and a source's name may sit between headline and dateline;
            // prose or a longer headline-like line ends the look (that line is the better headline).
            if (block.Letters > 40 || (block.Punctuation > 0 && block.Letters > 15)) break;
            if (block.Letters > blocks[index].Letters && block.LinkDensity < 0.5 && HeadlineLike(block.Text) is not null) break;
        }
        return default;
    }

    private static bool HasHeadlineBeforeDate(Block block)
    {
        for (var c = 1; c < block.Cells.Count; c++)
        {
            if (!DateParser.TryFind(block.Cells[c], out _, out _, out _)) continue;
            var headline = block.Cells[c - 1];
            TextStats.Count(headline, out var letters, out _);
            return letters >= 4 && !Roles.IsMeta(new Block(headline)) && !Boilerplate.IsNoise(new Block(headline)) && HeadlineLike(headline) is not null;
        }
        return false;
    }

    /// <summary>
    /// A headline printed on two lines with no gap (a main title and its second line, or one hard-wrapped line):
    /// the line above or below joins it when it reads like a headline too and is no dateline.
    /// </summary>
    private static (string Title, int Index) Joined(IReadOnlyList<Block> blocks, BlockRole[] roles, int index, string text, int bodyStart)
    {
        if (blocks[index].Cells.Count > 0) return (text, index);
        if (Joinable(blocks, roles, index - 1, text, minLetters: 8) is { } above && !above.Contains(' ', StringComparison.Ordinal)) text = Glue(above, text);
        if (index + 1 <= bodyStart + 2 && Joinable(blocks, roles, index + 1, text, minLetters: 1) is { } below) return (Glue(text, below), index + 1);
        return (text, index);
    }

    private static string? Joinable(IReadOnlyList<Block> blocks, BlockRole[] roles, int index, string text, int minLetters)
    {
        if (index < 0 || index >= blocks.Count) return null;
        var block = blocks[index];
        if (block.Letters < minLetters || block.Letters > 30 || block.Cells.Count > 0 || block.LinkDensity > 0.5 || roles[index] is not BlockRole.Text) return null;
        var more = HeadlineLike(block.Text);
        return more is null || more == text || TextStats.Normalize(text).Length + TextStats.Normalize(more).Length > 60 ? null : more;
    }

    private static string Glue(string first, string second) =>
        first + (TextStats.IsCjk(first[^1]) || TextStats.IsCjk(second[0]) ? string.Empty : " ") + second;

    /// <summary>Cuts what dumps print around a headline: "Channel | headline", a trailing counter, a column tag.</summary>
    internal static string Polish(string title)
    {
        var text = TitleFinder.Headline(title);
        // "AB AB": a teaser's picture text and link text, printed one after the other.
        if (text.Length >= 8 && text.Length % 2 == 0 && text.AsSpan(0, text.Length / 2).SequenceEqual(text.AsSpan(text.Length / 2)))
            text = text[..(text.Length / 2)];
        // "第三章 山路318": a comment or view counter printed right after the headline.
        var digits = text.Length;
        while (digits > 0 && char.IsAsciiDigit(text[digits - 1])) digits--;
        if (digits < text.Length && digits > 0 && TextStats.IsCjk(text[digits - 1]) && text.Length - digits <= 6)
            text = text[..digits];
        // Column tags and commentators' labels are cut once, for every format, in ArticleBuilder.
        return text;
    }

    /// <summary>The last crumb of each breadcrumb line (您的位置: 首页 > 诗 > 春雨), where pages repeat the headline.</summary>
    private static HashSet<string> LastCrumbs(IReadOnlyList<Block> blocks, BlockRole[] roles, int from, int to)
    {
        var crumbs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = from; i < to; i++)
        {
            if (roles[i] != BlockRole.Breadcrumb) continue;
            var parts = Labels.BreadcrumbSeparator().Split(blocks[i].Text.Replace('›', '>'));
            for (var p = parts.Length - 1; p >= 0; p--)
            {
                var crumb = TextStats.Normalize(parts[p]);
                if (crumb.Length == 0) continue;
                crumbs.Add(crumb);
                break;
            }
        }
        return crumbs;
    }
}
