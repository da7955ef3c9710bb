namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// The headline: the block near the body that the document title (or og:title) contains, as GNE does
/// with &lt;title&gt; and &lt;h1&gt;; else a lone heading; else the title split at its separators;
/// else (text dumps) the nearest headline-like line above the body.
/// </summary>
internal static class TitleFinder
{
    private static readonly string[] OriginalTitlePrefixes = ["原标题:", "原标题：", "原标题 "];

    private static readonly string[] Separators = ["_", "|", " - ", " – ", " — ", "－", "--", "丨", "｜", " :: ", "»", "«"];

    public static (string? Title, int Index) Find(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyStart, PageHints hints)
    {
        var from = Math.Max(0, bodyStart - 60);
        var to = Math.Min(blocks.Count, bodyStart + 12);

        var contained = FindContained(blocks, roles, bodyStart, from, to, hints);
        if (contained.Index >= 0) return contained;

        var prefixed = FindPrefixed(blocks, from, to, hints);
        if (prefixed.Index >= 0) return prefixed;

        var heading = FindHeading(blocks, roles, from, Math.Min(blocks.Count, bodyStart + 3), bodyStart);
        if (heading >= 0) return (Clean(blocks[heading].Text), heading);

        var labelled = FindLabelled(blocks, from, to);
        if (labelled.Index >= 0) return labelled;

        // A text dump has no document title: its lines are scored as headlines.
        if (hints.IsTextDump)
        {
            var dumped = DumpTitleFinder.Find(blocks, roles, bodyStart);
            if (dumped.Index >= 0) return dumped;
        }

        // The document title names only the site here (or there is none): the headline sits just above the
        // dateline when there is one, else just above the body.
        var dateline = Dateline(blocks, roles, bodyStart);
        var above = dateline >= 0 ? FindAbove(blocks, roles, dateline) : -1;
        // The body run may have swallowed the headline and its dateline ("headline / 发布时间:… / text"): a heading right
        // above a dateline at the top of the run is the headline.
        if (above < 0 && DatelineAtTop(blocks, roles, bodyStart) is var top and >= 0 && FindAbove(blocks, roles, top) is var inRun and >= 0
            && inRun >= bodyStart && (blocks[inRun].HeadingLevel > 0 || blocks[inRun].TitleHint))
            above = inRun;
        if (above < 0) above = FindAbove(blocks, roles, bodyStart);
        if (above >= 0) return (Headline(Clean(blocks[above].Text)), above);

        var fromHints = hints.HeadlineHints.Concat(hints.DocumentTitle is null ? [] : [hints.DocumentTitle])
            .Select(Headline).FirstOrDefault(t => t.Length >= 2);
        return fromHints is not null ? (fromHints, -1) : (null, -1);
    }

    /// <summary>The block near the body whose text the document title (or og:title, JSON-LD headline) contains.</summary>
    private static (string? Title, int Index) FindContained(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyStart, int from, int to, PageHints hints)
    {
        var references = hints.HeadlineHints.Append(hints.DocumentTitle ?? string.Empty)
            .Select(TextStats.Normalize).Where(r => r.Length >= 2).ToArray();
        if (references.Length == 0) return (null, -1);
        var crumbs = ChannelCrumbs(blocks, roles, from, to);
        var segments = hints.DocumentTitle is null ? [] : Split(hints.DocumentTitle).Select(TextStats.Normalize).ToHashSet(StringComparer.Ordinal);
        var firstLine = FirstNonEmpty(blocks);
        // The head names the channel (ColumnName) and the site: a line equal to either is not the headline.
        var names = new[] { hints.ColumnName, hints.SiteName }.Where(n => n is not null).Select(n => TextStats.Normalize(n!)).ToHashSet(StringComparer.Ordinal);
        var nearBody = new Lazy<bool>(() => FindAbove(blocks, roles, bodyStart) >= bodyStart - 3);

        var (bestIndex, bestScore) = (-1, 0.0);
        for (var i = from; i < to; i++)
        {
            if (!IsCandidate(blocks[i], roles[i])) continue;
            var normalized = TextStats.Normalize(Clean(blocks[i].Text));
            // Short headlines (夜雨) count only as a heading equal to a whole part of the document title.
            var shortHeadline = blocks[i].HeadingLevel > 0 && segments.Contains(normalized);
            if ((normalized.Length < 4 && !shortHeadline) || normalized.Length < 2 || !references.Any(r => r.Contains(normalized, StringComparison.Ordinal))) continue;
            if (names.Contains(normalized)) continue;
            // The page's first line repeating the document title, far above the body, is a banner.
            if (i == firstLine && bodyStart - i > 10) continue;
            // A short title that is also a crumb ("某某娱乐 > 电影") is the channel or site, not the headline.
            if (normalized.Length <= 6 && crumbs.Contains(normalized)) continue;
            // Far above the body, a block naming the site or blog competes badly with a line right above the body.
            if (bodyStart - i > 25 && nearBody.Value) continue;
            var score = normalized.Length * 2.0 + (blocks[i].HeadingLevel > 0 ? 8 : 0) + (blocks[i].TitleHint ? 4 : 0)
                - Math.Abs(bodyStart - i) * 0.05;
            // The headline sits right above its dateline; a site or channel name printed in a banner or a menu does not.
            if (AboveDateline(blocks, roles, i)) score += 8;
            if (blocks[i].FurnitureHint) score -= 6;
            if (hints.HeadlineHints.Any(h => TextStats.Normalize(h) == normalized)) score += 10;
            if (score > bestScore) (bestIndex, bestScore) = (i, score);
        }
        // A block repeating the whole document title ("headline_site") still needs the site cut off.
        return bestIndex >= 0 ? (Headline(Continued(blocks, bestIndex, references)), bestIndex) : (null, -1);
    }

    /// <summary>An info table's "标题：…" line near the body.</summary>
    private static (string? Title, int Index) FindLabelled(IReadOnlyList<Block> blocks, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (blocks[i].Letters > 130) continue;
            var match = Labels.HeadlineLabel().Match(blocks[i].Text);
            if (match.Success) return (Clean(match.Groups["title"].Value), i);
        }
        return (null, -1);
    }

    /// <summary>The nearest label line with a date above the body (发布时间: …, or a bare date), within a few lines.</summary>
    private static int Dateline(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyStart)
    {
        var seen = 0;
        for (var i = Math.Min(bodyStart, blocks.Count) - 1; i >= 0 && seen < 10; i--)
        {
            if (blocks[i].Letters == 0) continue;
            seen++;
            if (roles[i] == BlockRole.Meta && DateParser.TryFind(blocks[i].Text, out _, out _, out _)) return i;
        }
        return -1;
    }

    /// <summary>A dated label line within the next three lines below <paramref name="index"/>, with no other line of text between.</summary>
    private static bool AboveDateline(IReadOnlyList<Block> blocks, BlockRole[] roles, int index)
    {
        var seen = 0;
        for (var i = index + 1; i < blocks.Count && seen < 3; i++)
        {
            if (blocks[i].Letters == 0) continue;
            seen++;
            if (roles[i] == BlockRole.Meta && DateParser.ContainsYear(blocks[i].Text) && DateParser.TryFind(blocks[i].Text, out _, out _, out _)) return true;
            // Another line of text in between (the headline under a banner) is nearer the dateline.
            if (roles[i] == BlockRole.Text && blocks[i].Letters >= 4 && blocks[i].LinkDensity < 0.5) return false;
        }
        return false;
    }

    /// <summary>A dated label line among the first lines of the body run, or -1.</summary>
    private static int DatelineAtTop(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyStart)
    {
        var seen = 0;
        for (var i = Math.Max(0, bodyStart); i < blocks.Count && seen < 3; i++)
        {
            if (blocks[i].Letters == 0) continue;
            seen++;
            if (roles[i] == BlockRole.Meta && DateParser.TryFind(blocks[i].Text, out _, out _, out _)) return i;
        }
        return -1;
    }

    private static int FirstNonEmpty(IReadOnlyList<Block> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
            if (blocks[i].Letters > 0) return i;
        return -1;
    }

    /// <summary>
    /// A headline line that wraps the document title's headline in a little more: a counter ("…船长241"), a column
    /// tag ("…（权威发布）"), an author prefix ("孙丰：…"). The document title's wording wins.
    /// </summary>
    private static (string? Title, int Index) FindPrefixed(IReadOnlyList<Block> blocks, int from, int to, PageHints hints)
    {
        if (hints.DocumentTitle is null) return (null, -1);
        var segments = Split(hints.DocumentTitle).Select(p => (Text: p, Normalized: TextStats.Normalize(p)))
            .Where(p => p.Normalized.Length >= 6).ToList();
        if (segments.Count == 0) return (null, -1);
        for (var i = from; i < to; i++)
        {
            if (blocks[i].Letters > 120 || blocks[i].LinkDensity > 0.5) continue;
            var text = TextStats.Normalize(blocks[i].Text);
            foreach (var (segment, normalized) in segments)
            {
                var extra = text.Length - normalized.Length;
                if (extra is > 0 and <= 12 && (text.StartsWith(normalized, StringComparison.Ordinal) || text.EndsWith(normalized, StringComparison.Ordinal)))
                    return (segment, i);
            }
        }
        return (null, -1);
    }

    /// <summary>The crumbs of breadcrumbs near the body, except each trail's last (often the article itself).</summary>
    private static HashSet<string> ChannelCrumbs(IReadOnlyList<Block> blocks, BlockRole[] roles, int from, int to)
    {
        var crumbs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = from; i < to; i++)
        {
            if (roles[i] != BlockRole.Breadcrumb) continue;
            var parts = Labels.BreadcrumbSeparator().Split(blocks[i].Text).Select(TextStats.Normalize).Where(p => p.Length > 0).ToArray();
            foreach (var part in parts[..^1]) crumbs.Add(part);
        }
        return crumbs;
    }

    /// <summary>A headline broken over two lines (h1 with a br): the next block joins it while the document title still contains both.</summary>
    private static string Continued(IReadOnlyList<Block> blocks, int index, string[] references)
    {
        var text = Clean(blocks[index].Text);
        for (var next = index + 1; next < blocks.Count && next <= index + 2; next++)
        {
            if (blocks[next].Letters == 0) continue;
            var joined = text + " " + Clean(blocks[next].Text);
            var normalized = TextStats.Normalize(joined);
            if (!references.Any(r => r.Contains(normalized, StringComparison.Ordinal))) break;
            text = joined;
        }
        return text;
    }

    private static bool IsCandidate(Block block, BlockRole role) =>
        block.Letters is >= 2 and <= 120
        && (block.HeadingLevel > 0 || (role is BlockRole.Text or BlockRole.Noise or BlockRole.Meta && block.LinkDensity < 0.9));

    /// <summary>The single highest-level heading above the body (h1, else h2), when there is exactly one.</summary>
    private static int FindHeading(IReadOnlyList<Block> blocks, BlockRole[] roles, int from, int to, int bodyStart)
    {
        for (var level = 1; level <= 2; level++)
        {
            var found = -1;
            var count = 0;
            for (var i = from; i < to; i++)
            {
                // Inside the body a numbered heading ("一、基本情况", "2. 做法") is a section's, not the article's.
                if (i >= bodyStart && IsSectionNumber(blocks[i].Text)) continue;
                if (blocks[i].HeadingLevel == level && blocks[i].Letters is >= 4 and <= 120 && roles[i] != BlockRole.Footer)
                {
                    found = i;
                    count++;
                }
            }
            if (count == 1) return found;
        }
        return -1;
    }

    /// <summary>"一、", "（二）", "3.", "4、": a numbered section of a document ("第二章" is a chapter's own headline, not this).</summary>
    internal static bool IsSectionNumber(string text)
    {
        var t = text.AsSpan().TrimStart();
        if (t.Length < 2) return false;
        var open = t[0] is '（' or '(';
        var i = open ? 1 : 0;
        var start = i;
        while (i < t.Length && (char.IsAsciiDigit(t[i]) || "一二三四五六七八九十".Contains(t[i]))) i++;
        if (i == start || i - start > 3 || i >= t.Length) return false;
        return open ? t[i] is '）' or ')' : t[i] is '、' or '.' or '．';
    }

    /// <summary>The nearest line above the body that reads like a headline: skips labels, dates, menus, placeholders.</summary>
    private static int FindAbove(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyStart)
    {
        var seen = 0;
        for (var i = Math.Min(bodyStart, blocks.Count) - 1; i >= 0 && seen < 12; i--)
        {
            var block = blocks[i];
            if (block.Letters == 0) continue;
            seen++;
            if (roles[i] is BlockRole.Meta or BlockRole.Noise or BlockRole.Footer or BlockRole.Breadcrumb or BlockRole.PreviousNext) continue;
            var cleaned = Clean(block.Text);
            var letters = TextStats.Normalize(cleaned).Length;
            if (letters is < 4 or > 80) continue;
            // "2003年5月": a date or counter line, not a headline.
            if (cleaned.Count(char.IsAsciiDigit) * 2 >= letters) continue;
            // A linked headline is allowed only right above the body (blogs link the post's own title), with at most its
            // category linked before it ("[某某分类]headline", two links; Clean drops the bracketed category).
            if (block.LinkDensity > 0.6 && (seen > 1 || letters < 6 || block.Links.Count > 2 || (block.Links.Count == 2 && !block.Text.StartsWith('[')))) continue;
            // A reporter credit ("某某日报记者张三") sits between headline and body.
            if (Labels.Reporter().IsMatch(cleaned) && letters < 30) continue;
            // "——on the ways to freedom": a subtitle; the headline is above it.
            if (cleaned.StartsWith('—') || cleaned.StartsWith('－') || cleaned.StartsWith("--", StringComparison.Ordinal)) continue;
            return i;
        }
        return -1;
    }

    /// <summary>Drops bracketed placeholders ([logo], [ ]) and rule characters that dumps leave around headlines.</summary>
    public static string Clean(string text)
    {
        // Reposts keep the original headline after "原标题:".
        foreach (var prefix in OriginalTitlePrefixes)
            if (text.StartsWith(prefix, StringComparison.Ordinal)) text = text[prefix.Length..];
        var buffer = new System.Text.StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '[') { depth++; continue; }
            if (c == ']' && depth > 0) { depth--; continue; }
            if (depth > 0) continue;
            if (c is '━' or '─' or '═' or '│' or '┃' or '■' or '●' or '•' or '◆' or '★' or '☆' or '▪' or '▶' or '►') continue;
            buffer.Append(c);
        }
        return TextStats.CollapseWhitespace(buffer.ToString());
    }

    private static readonly string[] CommentaryLabels = ["评论员", "社论", "时评", "短评", "评论员文章"];

    /// <summary>
    /// What pages print around a headline that is not part of it: a column tag after it ("…通到家门口(一线观察·身边事)";
    /// "(图)", "(下)", "(附图)" are part of the headline), a commentator's label before it ("示例日报评论员：…").
    /// </summary>
    public static string WithoutLabels(string title)
    {
        var text = title;
        if (text.Length > 0 && text[^1] is ')' or '）')
        {
            var open = text.LastIndexOfAny(['(', '（']);
            if (open > 0)
            {
                var tag = TextStats.Normalize(text[(open + 1)..^1]);
                var rest = TextStats.Normalize(text[..open]);
                // A column's name is Chinese words alone; "(Updated)", "(2)" and "(第二次会议)" belong to the headline.
                if (tag.Length >= 4 && rest.Length >= 8 && tag.All(TextStats.IsCjk) && tag[0] != '第') text = text[..open].TrimEnd();
            }
        }
        var colon = text.IndexOfAny([':', '：']);
        if (colon is > 1 and <= 14 && text.Length - colon > 6 && CommentaryLabels.Any(l => text.AsSpan(0, colon).TrimEnd().EndsWith(l, StringComparison.Ordinal)))
            text = text[(colon + 1)..].TrimStart();
        return text;
    }

    /// <summary>"Headline_Channel_Site": the longest part, since the headline is usually the longest.</summary>
    public static string Headline(string title)
    {
        var parts = Split(title);
        return parts.Count == 0 ? title.Trim() : parts.MaxBy(p => TextStats.Normalize(p).Length)!;
    }

    internal static List<string> Split(string title)
    {
        var parts = new List<string> { title };
        foreach (var separator in Separators)
            parts = parts.SelectMany(p => p.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        // "Headline-Site": a bare hyphen separates only when a short site name follows and no digits touch it (130-109).
        if (parts.Count > 0)
        {
            var last = parts[^1];
            var hyphen = last.LastIndexOf('-');
            if (hyphen > 0 && hyphen < last.Length - 1 && last.Length - hyphen - 1 <= 10 && !char.IsAsciiDigit(last[hyphen - 1]) && !char.IsAsciiDigit(last[hyphen + 1]))
            {
                parts[^1] = last[..hyphen].Trim();
                parts.Add(last[(hyphen + 1)..].Trim());
            }
        }
        return parts;
    }

    /// <summary>The last part of a split document title that is not the headline: usually the site's name.</summary>
    public static string? SiteFromTitle(string? title, string? headline)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var parts = Split(title);
        if (parts.Count < 2) return null;
        var normalizedHeadline = headline is null ? string.Empty : TextStats.Normalize(headline);
        var others = parts.Where(p => normalizedHeadline.Length == 0 || !TextStats.Normalize(p).Contains(normalizedHeadline, StringComparison.Ordinal)
                                      && !normalizedHeadline.Contains(TextStats.Normalize(p), StringComparison.Ordinal)).ToList();
        return others.Count > 0 ? others[^1] : null;
    }
}
