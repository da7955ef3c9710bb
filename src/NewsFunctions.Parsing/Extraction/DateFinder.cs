namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// The publication date: a machine date from the page head wins; else the date nearest the headline and the
/// start of the body, preferring labelled lines (发布时间:) over dates inside paragraphs or the footer, and the
/// day the page's address carries; else that day alone.
/// </summary>
internal static class DateFinder
{
    public readonly record struct Found(DateTimeOffset Value, bool HasTime, int Index, Range Span);

    /// <param name="url">The page's address (canonical, og:url, or the one a dump prints), whose path may carry the day.</param>
    public static Found? Find(IReadOnlyList<Block> blocks, BlockRole[] roles, int titleIndex, int bodyStart, int bodyEnd, PageHints hints, string? url = null)
    {
        var urlDay = DateParser.FromUrl(url);
        var fromText = FindInText(blocks, roles, titleIndex, bodyStart, bodyEnd, hints, urlDay);
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
        if (fromText is not null) return fromText;
        // Pages that write the date with a script keep it in a variable; weaker than any printed date.
        if (hints.ScriptPublishedAt is { } fromScript) return new Found(fromScript, true, -1, default);
        return urlDay is { } day ? new Found(day, false, -1, default) : null;
    }

    private static Found? FindInText(IReadOnlyList<Block> blocks, BlockRole[] roles, int titleIndex, int bodyStart, int bodyEnd, PageHints hints, DateTimeOffset? urlDay)
    {
        Found? best = null;
        var bestScore = double.MinValue;
        var anchor = titleIndex >= 0 && titleIndex < bodyStart ? titleIndex : bodyStart;
        var candidates = new List<(Found Found, double Score, bool Labelled)>();
        DateTimeOffset? reference = null;
        var referenceKnown = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            bool labelled;
            var loose = false;
            if (DateParser.TryFind(block.Text, out var value, out var hasTime, out var span))
            {
                labelled = IsLabelled(block);
            }
            else
            {
                // Between the headline and the body a dateline may print "18-03-08 23:16", "03-08 23:16" or "3小时前".
                if (i < anchor - 2 || i > bodyStart + 4 || block.Letters is 0 or > 60 || (roles[i] != BlockRole.Meta && block.Letters > 24)) continue;
                labelled = IsLabelled(block);
                // The reference costs a look at every line's dates: only for a line that holds a relative or yearless form.
                if (!referenceKnown && DateParser.HasLooseForm(block.Text)) (reference, referenceKnown) = (Reference(blocks, hints, urlDay), true);
                if (!DateParser.TryFindLoose(block.Text, labelled, reference, out value, out hasTime, out span)
                    && !TryPieces(blocks, i, out value, out hasTime)) continue;
                loose = true;
            }
            var score = Score(block, roles[i], i, anchor, bodyStart, bodyEnd, labelled) + (hasTime ? 3 : 0);
            // A short line under the headline with a time in it is a dateline, though the roles (which read full dates only) missed it.
            if (loose && roles[i] != BlockRole.Meta) score += 15;
            // CMSs file an article under its day: the line that agrees with the address is the dateline, not a teaser's.
            if (urlDay is { } day && value.Date == day.Date) score += 12;
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
            if (labelled && best is { } current && score > bestScore - 12 && found.Index < bodyStart && found.Value.Date < current.Value.Date
                && !(urlDay is { } day && current.Value.Date == day.Date))
                best = found;
        }
        return best;
    }

    /// <summary>
    /// What a date without its year or a relative time is read against: the page's modified time, else the day in
    /// its address, else the latest full date the page prints (its newest comment or teaser is about when it was shown).
    /// </summary>
    private static DateTimeOffset? Reference(IReadOnlyList<Block> blocks, PageHints hints, DateTimeOffset? urlDay)
    {
        if (hints.ModifiedAt is { } modified) return modified;
        if (urlDay is { } day) return day.AddDays(1).AddTicks(-1);
        DateTimeOffset? latest = null;
        foreach (var block in blocks)
            if (DateParser.TryFind(block.Text, out var value, out _, out _) && (latest is null || value > latest)) latest = value;
        return latest;
    }

    /// <summary>
    /// "2019" / "09/07" / "19:02": a date widget that prints year, day and time on lines of their own. A line holding only
    /// a year, joined with the month and day under it (04/02, 04-02, 4月2日) and the time under that (10:05), is read as
    /// one date; a counter or a rating under a year (2023 / 4.5) is not a widget.
    /// </summary>
    private static bool TryPieces(IReadOnlyList<Block> blocks, int index, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        var year = blocks[index].Text.Trim().TrimEnd('年');
        if (year.Length != 4 || !year.All(char.IsAsciiDigit) || !DateParser.ContainsYear(year)) return false;
        var joined = new System.Text.StringBuilder(year);
        var pieces = 0;
        for (var i = index + 1; i < blocks.Count && pieces < 2; i++)
        {
            var text = blocks[i].Text.Trim();
            if (text.Length == 0) continue;
            if (!(pieces == 0 ? IsMonthDay(text) : IsTimeOfDay(text))) break;
            joined.Append(pieces == 0 ? "-" : " ").Append(text);
            pieces++;
        }
        return pieces > 0 && DateParser.TryFind(joined.ToString(), out value, out hasTime, out _);
    }

    private static bool IsMonthDay(string text)
    {
        var separator = text.AsSpan().IndexOfAny('/', '-', '月');
        if (text.Length > 6 || separator is < 1 or > 2 || separator == text.Length - 1) return false;
        var day = text.AsSpan(separator + 1).TrimEnd('日');
        return !text.AsSpan(0, separator).ContainsAnyExceptInRange('0', '9') && day.Length is 1 or 2 && !day.ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsTimeOfDay(string text) =>
        text.Length is 4 or 5 && text.IndexOf(':') is 1 or 2 && text.Replace(":", "", StringComparison.Ordinal).All(char.IsAsciiDigit);

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
