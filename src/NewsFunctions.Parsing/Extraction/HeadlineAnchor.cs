namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// The headline as the page's head names it, found before the body (or its dateline, where no head names it): a heading (or an element named like a title) whose
/// text og:title or the JSON-LD headline equals, or that is the headline part of &lt;title&gt;. The article sits right
/// under its headline on very many sites, so a short article is looked for there before a longer run elsewhere (a
/// comment, a notice in another language, a teaser list) is taken for it.
/// </summary>
internal static class HeadlineAnchor
{
    /// <summary>Where the article's top is: the headline's block, or (<paramref name="IsDateline"/>) a dateline standing for it.</summary>
    public readonly record struct Anchor(int Index, bool IsDateline);

    public static Anchor? Find(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles, PageHints hints)
    {
        var fromHead = FromHead(blocks, roles, hints);
        if (fromHead >= 0) return new Anchor(fromHead, false);
        var dateline = Dateline(blocks, roles);
        return dateline >= 0 ? new Anchor(dateline, true) : null;
    }

    /// <summary>
    /// Without a head to match (text dumps, pages whose title names only the site), the first labelled dateline
    /// ("2023-04-02 10:00 来源:某某日报") right under a headline-like line stands for the headline.
    /// </summary>
    private static int Dateline(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (roles[i] != BlockRole.Meta || block.Letters > 80 || !DateParser.ContainsYear(block.Text)) continue;
            // Labelled ("来源:", "发布时间:"), or with the time of day ("2023年4月2日 10:00 某某日报"): a teaser's stamp is the day alone.
            if (!DateParser.TryFind(block.Text, out _, out var hasTime, out _)) continue;
            if (!hasTime && !Labels.ReadLabelledValues(block.Text).Any(v => v.Field is Labels.Field.Source or Labels.Field.Author or Labels.Field.Date)) continue;
            var seen = 0;
            for (var j = i - 1; j >= 0 && seen < 3; j--)
            {
                if (blocks[j].Letters == 0 || blocks[j].IsPlaceholder) continue;
                seen++;
                if (roles[j] is BlockRole.Text or BlockRole.Noise && blocks[j].LinkDensity <= 0.5 && DumpTitleFinder.HeadlineLike(blocks[j].Text) is { Length: >= 6 }) return i;
            }
        }
        return -1;
    }

    private static int FromHead(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles, PageHints hints)
    {
        if (hints.IsTextDump || (hints.DocumentTitle is null && hints.HeadlineHints.Count == 0)) return -1;
        var exact = hints.HeadlineHints.Select(TextStats.Normalize).Where(h => h.Length >= 6).ToHashSet(StringComparer.Ordinal);
        var parts = hints.DocumentTitle is null ? [] : TitleFinder.Split(hints.DocumentTitle).Select(TextStats.Normalize).ToList();
        var segments = parts.Where(s => s.Length >= 6).ToList();
        // A line repeating the whole "headline_channel_site" is the page's banner copy of <title>, not its headline.
        var wholeTitle = parts.Count >= 2 ? TextStats.Normalize(hints.DocumentTitle!) : null;
        // "夜雨_原文_某某网": a short headline counts when a heading equals the title's first part.
        var firstPart = parts.Count >= 2 ? parts[0] : null;
        var longest = segments.Count == 0 ? 0 : segments.Max(s => s.Length);
        // "headline_channel_site": the longest part is the headline's; a shorter one equal to a heading is more often the site's banner.
        var headlinePart = segments.FirstOrDefault(s => s.Length == longest);
        // No headline is longer than the longest thing it may equal: longer lines (most of a page) are passed over unread.
        var longestTarget = exact.Select(h => h.Length).Append(longest).Append(firstPart?.Length ?? 0).Max();
        var (best, bestScore) = (-1, 0.0);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Letters is < 2 or > 120 || block.LinkDensity > 0.5) continue;
            // Letters bound the normalised text from above, except where Clean drops a bracketed tag.
            if (block.Letters > longestTarget && !block.Text.Contains('[', StringComparison.Ordinal)) continue;
            if (roles[i] is BlockRole.Footer or BlockRole.Breadcrumb or BlockRole.PreviousNext) continue;
            var heading = block.HeadingLevel > 0 || block.TitleHint;
            if (block.Letters < 6 && !(block.HeadingLevel is > 0 and <= 3)) continue;
            var normalized = TextStats.Normalize(TitleFinder.Clean(block.Text));
            if (normalized == wholeTitle) continue;
            if (normalized.Length < 6)
            {
                if (normalized == firstPart && bestScore < 2) (best, bestScore) = (i, 2);
                continue;
            }
            // A plain line (old pages style the headline with font tags) must equal the headline whole, and be long enough to be one.
            if (!heading && normalized.Length < 8) continue;
            double score = exact.Contains(normalized) ? 3
                : normalized == headlinePart ? 2
                : heading && normalized.Length >= 6 && normalized.Length * 10 >= longest * 6 && segments.Any(s => s.Contains(normalized, StringComparison.Ordinal)) ? 1
                : 0;
            if (score > 0 && heading) score += 0.5;
            // The first of equals: a headline repeated lower down ("Re: …", a share box) comes after the article's.
            if (score > bestScore) (best, bestScore) = (i, score);
        }
        return best;
    }
}
