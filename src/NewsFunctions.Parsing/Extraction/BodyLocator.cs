namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// Finds the article body as the run of blocks with the highest total score (maximum-subarray search):
/// prose with punctuation and few links scores positive, menus, link lists, labels and footers negative,
/// so the best run is the article with the furniture on both sides left out.
/// </summary>
internal static class BodyLocator
{
    /// <summary>A best run worth less than this (a sentence or two) means the page has no prose to speak of.</summary>
    private const double WeakRun = 50;

    /// <summary>
    /// The article is the best run under its headline and above the first line that ends an article (a footer line, a
    /// related-articles or comments heading). When the page's best run starts there or holds the headline, it is that run (null here);
    /// when it lies elsewhere (above the headline, or past such an end: a comment, a notice in another language),
    /// the best run in between is the article, if it holds a sentence.
    /// </summary>
    private static (int Start, int End)? AnchoredRun(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles, double[] scores, HeadlineAnchor.Anchor at, int bestStart, int bestEnd)
    {
        var anchor = at.Index;
        // A dateline may close its post (blogs print "作者:… 发表于:…" under the text): a run above it is no reason to look below.
        if (at.IsDateline && bestEnd < anchor) return null;
        var limit = anchor + 1;
        while (limit < blocks.Count && roles[limit] != BlockRole.Footer && !Boilerplate.IsRelatedHeading(blocks[limit]) && !Boilerplate.IsCommentHeading(blocks[limit])) limit++;
        // The best run holds the headline (it starts with it) or starts under it: it is the article.
        if (bestStart < limit && bestEnd >= anchor) return null;
        var (start, end, total) = BestRun(scores.AsSpan(anchor + 1, limit - anchor - 1));
        return total >= MinimumAnchoredRun ? (anchor + 1 + start, anchor + 1 + end) : null;
    }

    /// <summary>What the run under the headline must be worth to be taken over a run elsewhere: a sentence.</summary>
    private const double MinimumAnchoredRun = 15;

    /// <param name="anchor">The headline as the page head names it, or its dateline (<see cref="HeadlineAnchor"/>).</param>
    public static (int Start, int End) Locate(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles, HeadlineAnchor.Anchor? anchor = null)
    {
        var repeated = Repeated(blocks);
        var teasers = FeedItems.Teasers(blocks);
        var scores = new double[blocks.Count];
        var previousPlaceholder = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            var score = repeated[i] ? -0.5 * blocks[i].Letters - 2 : Score(blocks[i], roles[i]);
            if (blocks[i].FurnitureHint && score > 0) score *= 0.5;
            // A teaser's summary is prose, but it belongs to a list of links to other articles.
            if (teasers[i] && score > 0) score = -0.5 * score;
            // A run of pictures (a gallery inside the article) costs no more than one picture.
            if (blocks[i].IsPlaceholder && previousPlaceholder) score = -1;
            if (blocks[i].Text.Length > 0) previousPlaceholder = blocks[i].IsPlaceholder;
            scores[i] = score;
        }
        var (start, end, best) = BestRun(scores);
        if (best < WeakRun)
        {
            // A table of contents or a list of names has no sentences: its plain lines (not links, not repeated)
            // are the content, so they count for themselves and the largest block of them is the body.
            for (var i = 0; i < blocks.Count; i++)
                if (scores[i] < 0 && IsPlainListLine(blocks[i], roles[i]) && !repeated[i] && !teasers[i]) scores[i] = 0.5 * blocks[i].Letters;
            var (listStart, listEnd, listBest) = BestRun(scores);
            if (listBest > Math.Max(best, WeakRun)) (start, end) = (listStart, listEnd);
        }
        else if (anchor is { } at && AnchoredRun(blocks, roles, scores, at, start, end) is { } anchored)
        {
            // The best run lies away from the headline: the article under it is short, and the run is something else.
            (start, end) = anchored;
        }
        else if (FirstPost.Find(blocks, scores, start) is { } firstPost)
        {
            (start, end) = firstPost;
        }
        return start >= 0 ? (start, end) : Fallback(blocks, roles);
    }

    private static bool IsPlainListLine(Block block, BlockRole role) =>
        role == BlockRole.Text && block.LinkChars == 0 && !block.GuessedLink && !block.FurnitureHint && block.Letters is > 0 and < 80;

    /// <summary>The maximum-subarray search (Kadane): the run with the highest total, or -1 when none is positive.</summary>
    internal static (int Start, int End, double Total) BestRun(ReadOnlySpan<double> scores)
    {
        double best = 0, current = 0;
        int bestStart = -1, bestEnd = -1, currentStart = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (current <= 0)
            {
                current = scores[i];
                currentStart = i;
            }
            else
            {
                current += scores[i];
            }
            if (current > best)
            {
                best = current;
                bestStart = currentStart;
                bestEnd = i;
            }
        }
        return (bestStart, bestEnd, best);
    }

    /// <summary>
    /// No run scored positive (text without punctuation, badly decoded pages): the longest plain line is taken,
    /// if it is long enough to be more than a menu, so a page with text still yields an article.
    /// </summary>
    private static (int Start, int End) Fallback(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles)
    {
        var best = -1;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (roles[i] != BlockRole.Text || blocks[i].LinkDensity > 0.3 || blocks[i].Letters < 50) continue;
            if (best < 0 || blocks[i].Letters > blocks[best].Letters) best = i;
        }
        return (best, best);
    }

    /// <summary>
    /// A footer line (版权声明, Copyright) or a related-articles heading (推荐阅读) inside the run ends the article,
    /// even if long notices or teasers with summaries follow it.
    /// </summary>
    public static int CutAtFooter(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles, int start, int end)
    {
        var prose = 0;
        for (var i = start; i <= end; i++)
        {
            // A side column's "热点推荐" printed beside the article's first lines is no end: a paragraph (50 letters of prose) must come first.
            if (prose >= 50 && Boilerplate.IsRelatedHeading(blocks[i])) return i - 1;
            // "作者:某某 发表于:2005-07-31 12:30" under the text: a post's closing line, after which come its comments.
            if (prose >= 100 && roles[i] == BlockRole.Meta && IsPostFooter(blocks[i])) return i - 1;
            if (roles[i] == BlockRole.Text && blocks[i].Punctuation > 0) prose += blocks[i].Letters;
            else if (prose > 0 && roles[i] == BlockRole.Footer) return i - 1;
        }
        return end;
    }

    /// <summary>A label line with the writer and the date together, as blogs and forums close a post.</summary>
    private static bool IsPostFooter(Block block)
    {
        if (block.Letters > 80 || !DateParser.ContainsYear(block.Text)) return false;
        var fields = Labels.ReadLabelledValues(block.Text);
        return fields.Any(f => f.Field == Labels.Field.Author) && fields.Any(f => f.Field == Labels.Field.Date) && DateParser.TryFind(block.Text, out _, out _, out _);
    }

    /// <summary>
    /// Forum threads and blog front pages repeat a header (name, date) before every post; the article is the
    /// first post. With two or more dated label lines in the body, the body ends before the first one that
    /// follows body text.
    /// </summary>
    public static int CutListing(IReadOnlyList<Block> blocks, IReadOnlyList<BlockRole> roles, int start, int end)
    {
        var dated = 0;
        // The next post's header may sit just below the run (its text scored too little to join it).
        for (var i = start; i <= Math.Min(end + 6, blocks.Count - 1) && dated < 2; i++)
        {
            if (IsDatedLabel(blocks[i], roles[i])) dated++;
        }
        if (dated < 2) return end;
        var seenText = false;
        for (var i = start; i <= end; i++)
        {
            if (roles[i] == BlockRole.Text && blocks[i].Punctuation > 0 && blocks[i].Letters >= 20) seenText = true;
            else if (seenText && IsDatedLabel(blocks[i], roles[i]))
            {
                var cut = i - 1;
                while (cut > start && roles[cut] != BlockRole.Text) cut--;
                return cut;
            }
        }
        return end;
    }

    /// <summary>A labelled or bare date line; a date in parentheses is a stamp on a comment or teaser, not a post's header.</summary>
    private static bool IsDatedLabel(Block block, BlockRole role)
    {
        if (role != BlockRole.Meta || !DateParser.TryFind(block.Text, out _, out _, out var span)) return false;
        var (offset, length) = span.GetOffsetAndLength(block.Text.Length);
        var before = block.Text.AsSpan(0, offset).TrimEnd();
        var after = block.Text.AsSpan(offset + length).TrimStart();
        return !(before.EndsWith("(") || before.EndsWith("（")) || !(after.StartsWith(")") || after.StartsWith("）"));
    }

    /// <summary>A long line of space-separated names or tags with hardly any punctuation: a list, not prose.</summary>
    private static bool IsWordList(Block block)
    {
        if (block.Letters < 60 || block.Punctuation * 60 >= block.Letters) return false;
        var spaces = block.Text.Count(c => c == ' ');
        var cjk = block.Text.Count(TextStats.IsCjk);
        // Only for Chinese: English prose has a space between every word.
        return cjk * 2 >= block.Letters && (spaces * 8 >= block.Letters || (block.Letters >= 150 && block.Punctuation * 80 < block.Letters));
    }

    /// <summary>
    /// Lines that occur more than once: teaser lists (headline repeated under its picture), menus shown twice.
    /// Article paragraphs are unique on a page, so repetition marks furniture.
    /// </summary>
    public static bool[] Repeated(IReadOnlyList<Block> blocks)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            // Long paragraphs may repeat when a page carries the article twice (print or mobile copy); only short lines count.
            if (block.Letters is >= 4 and < 80) counts[block.Text] = counts.GetValueOrDefault(block.Text) + 1;
        }
        var repeated = new bool[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
            repeated[i] = blocks[i].Letters is >= 4 and < 80 && counts[blocks[i].Text] > 1;
        return repeated;
    }

    /// <summary>Positive for prose, negative for furniture; roughly the number of letters either way.</summary>
    public static double Score(Block block, BlockRole role)
    {
        var letters = block.Letters;
        if (letters == 0) return role == BlockRole.Image ? 0.5 : -0.5;
        if (block.IsPlaceholder) return -10;
        switch (role)
        {
            case BlockRole.Footer: return -2.0 * letters - 30;
            case BlockRole.Noise or BlockRole.PreviousNext or BlockRole.Breadcrumb: return -letters - 10;
            case BlockRole.Meta: return -Math.Min(letters, 20);
        }
        var linkDensity = block.LinkDensity;
        if (linkDensity > 0.5) return -letters * (0.5 + linkDensity);
        var plain = letters * (1 - linkDensity);
        // A long line whose only marks are quotation marks is a list of names or titles ("某某奖 “某某”大赛 …"), not a sentence.
        if (block.Punctuation > 0 && !IsWordList(block) && (block.ClausePunctuation > 0 || letters < 40))
        {
            // Menus joined by commas are rare; prose has a punctuation mark every 5-40 letters.
            var density = (double)block.Punctuation / letters;
            return density > 0.5 && letters < 20 ? -letters * 0.5 : plain + 2;
        }
        // A short "票价:45元" row belongs to a list inside the article as much as to furniture: nearly neutral.
        if (linkDensity == 0 && IsLabelValue(block.Text)) return -1;
        // No punctuation: a short label, menu item or headline; a long run is a menu or a tag cloud.
        return letters < 12 ? -letters * 0.5 - 3 : -plain * 0.3 - 3;
    }

    /// <summary>
    /// "普通票原价:45元", "咨询电话:87650001": a label of 2-8 CJK letters, a colon and a short figure (a teaser
    /// headline "新鲜好玩:某某探访" has no digits).
    /// </summary>
    internal static bool IsLabelValue(string text)
    {
        var colon = text.IndexOfAny([':', '：']);
        if (colon is < 2 or > 8 || text.Length - colon - 1 is < 1 or > 24) return false;
        for (var i = 0; i < colon; i++)
            if (!TextStats.IsCjk(text[i])) return false;
        var digits = false;
        for (var i = colon + 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] is ':' or '：') return false;
            digits |= char.IsAsciiDigit(text[i]);
        }
        return digits;
    }
}
