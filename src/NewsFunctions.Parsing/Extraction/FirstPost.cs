namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// A blog front page or a forum thread prints every post under a header row ending in the same way: the full
/// time and the same tools after it ("…    2007-06-18 03:47:12    [top]"). The article is the first post,
/// even when a later one is longer, so a body found under a later header moves up to the first post's prose.
/// </summary>
internal static class FirstPost
{
    /// <summary>What the first post's best run must be worth to be taken: a paragraph, not a signature.</summary>
    private const double MinimumProse = 100;

    public static (int Start, int End)? Find(IReadOnlyList<Block> blocks, double[] scores, int bodyStart)
    {
        var headers = new List<(int Index, ulong Shape)>();
        for (var i = 0; i < bodyStart; i++)
        {
            var text = blocks[i].Text;
            // A header's time has a colon: most dated lines (a teaser's day) are passed over without a regular expression.
            if (blocks[i].Letters is 0 or >= 120 || !text.Contains(':', StringComparison.Ordinal) || !DateParser.ContainsYear(text)) continue;
            if (!DateParser.TryFind(text, out _, out var hasTime, out var span) || !hasTime) continue;
            headers.Add((i, FeedItems.Shape(text.AsSpan(span.Start.GetOffset(text.Length)))));
        }
        foreach (var (first, shape) in headers)
        {
            // The next header of the same shape closes the first post; the body must start at or below it.
            var next = headers.FindIndex(h => h.Index > first && h.Shape == shape);
            if (next < 0) continue;
            var close = headers[next].Index;
            var (start, end, total) = BodyLocator.BestRun(scores.AsSpan(first + 1, close - first - 1));
            return total >= MinimumProse ? (first + 1 + start, first + 1 + end) : null;
        }
        return null;
    }
}
