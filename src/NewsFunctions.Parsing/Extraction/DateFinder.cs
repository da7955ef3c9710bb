namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// The publication date: a machine date from the page head wins; else the date nearest the headline and the
/// start of the body, preferring labelled lines (发布时间:) over dates inside paragraphs or the footer.
/// </summary>
internal static class DateFinder
{
    public readonly record struct Found(DateTimeOffset Value, bool HasTime, int Index, Range Span);

    public static Found? Find(IReadOnlyList<Block> blocks, BlockRole[] roles, int titleIndex, int bodyStart, int bodyEnd, PageHints hints)
    {
        var fromText = FindInText(blocks, roles, titleIndex, bodyStart, bodyEnd);
        if (hints.PublishedAt is { } meta)
        {
            // A head that gives only the day loses to the page's own line for that day with its time.
            if (!hints.HasPublishedTime && fromText is { HasTime: true } withTime && withTime.Value.Date == meta.Date)
                return withTime;
            // The page's own line for that day stays the dateline, where bylines and sources sit beside the date.
            return fromText is { } line && line.Value.Date == meta.Date
                ? new Found(meta, hints.HasPublishedTime, line.Index, line.Span)
                : new Found(meta, hints.HasPublishedTime, -1, default);
        }
        return fromText;
    }

    private static Found? FindInText(IReadOnlyList<Block> blocks, BlockRole[] roles, int titleIndex, int bodyStart, int bodyEnd)
    {
        Found? best = null;
        var bestScore = double.MinValue;
        var anchor = titleIndex >= 0 && titleIndex < bodyStart ? titleIndex : bodyStart;
        var candidates = new List<(Found Found, double Score, bool Labelled)>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (!DateParser.TryFind(block.Text, out var value, out var hasTime, out var span)) continue;
            var labelled = IsLabelled(block);
            var score = Score(block, roles[i], i, anchor, bodyStart, bodyEnd, labelled) + (hasTime ? 3 : 0);
            candidates.Add((new Found(value, hasTime, i, span), score, labelled));
            if (score > bestScore)
            {
                bestScore = score;
                best = new Found(value, hasTime, i, span);
            }
        }
        // Several labelled dates in the header (成文日期 and 发布日期, 发布时间 and 更新时间): the earliest day is the publication.
        foreach (var (found, score, labelled) in candidates)
        {
            if (labelled && best is { } current && score > bestScore - 12 && found.Index < bodyStart && found.Value.Date < current.Value.Date)
                best = found;
        }
        return best;
    }

    private static bool IsLabelled(Block block) => Labels.ReadLabelledValues(block.Text).Any(v => v.Field == Labels.Field.Date);

    private static double Score(Block block, BlockRole role, int index, int anchor, int bodyStart, int bodyEnd, bool labelled)
    {
        double score;
        if (index >= anchor && index < bodyStart) score = 0;              // between headline and body: the usual place
        else if (index < anchor) score = -(anchor - index) * 1.5;         // above the headline: page header dates
        else if (index <= bodyEnd) score = -(bodyEnd - index <= 3 ? bodyEnd - index : index - bodyStart) * 2 - 4;  // inside the body: a byline at either end, or a date in the text
        else score = -(index - bodyEnd) - 12;                             // after the body: forum and blog footers
        if (role == BlockRole.Meta) score += 15;
        if (labelled) score += 10;
        if (role == BlockRole.Footer) score -= 40;
        if (block.Letters > 80) score -= 20;
        return score;
    }
}
