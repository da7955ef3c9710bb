namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// The headline as the page's head names it, found before the body: a heading (or an element named like a title) whose
/// text og:title or the JSON-LD headline equals, or that is the headline part of &lt;title&gt;. The article sits right
/// under its headline on very many sites, so a short article is looked for there before a longer run elsewhere (a
/// comment, a notice in another language, a teaser list) is taken for it.
/// </summary>
internal static class HeadlineAnchor
{
    public static int Find(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles, PageHints hints)
    {
        if (hints.IsTextDump || (hints.DocumentTitle is null && hints.HeadlineHints.Count == 0)) return -1;
        var exact = hints.HeadlineHints.Select(TextStats.Normalize).Where(h => h.Length >= 6).ToHashSet(StringComparer.Ordinal);
        var segments = hints.DocumentTitle is null ? [] : TitleFinder.Split(hints.DocumentTitle).Select(TextStats.Normalize).Where(s => s.Length >= 6).ToList();
        var longest = segments.Count == 0 ? 0 : segments.Max(s => s.Length);
        var (best, bestScore) = (-1, 0.0);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Letters is < 6 or > 120 || block.LinkDensity > 0.5) continue;
            if (roles[i] is BlockRole.Footer or BlockRole.Breadcrumb or BlockRole.PreviousNext) continue;
            var heading = block.HeadingLevel > 0 || block.TitleHint;
            var normalized = TextStats.Normalize(TitleFinder.Clean(block.Text));
            // A plain line (old pages style the headline with font tags) must equal the headline whole, and be long enough to be one.
            if (!heading && normalized.Length < 8) continue;
            double score = exact.Contains(normalized) ? 3
                : segments.Contains(normalized) ? 2
                : heading && normalized.Length >= 6 && normalized.Length * 10 >= longest * 6 && segments.Any(s => s.Contains(normalized, StringComparison.Ordinal)) ? 1
                : 0;
            if (score > 0 && heading) score += 0.5;
            // The first of equals: a headline repeated lower down ("Re: …", a share box) comes after the article's.
            if (score > bestScore) (best, bestScore) = (i, score);
        }
        return best;
    }
}
