using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Text;

/// <summary>
/// Plain-text dumps of news pages: the seed's format (navigation already cut) and full-page dumps
/// (w3m -dump) with menus and footers left in. Every line becomes a block; the shared extraction does the rest.
/// </summary>
internal static class TextDumpParser
{
    /// <param name="format">The format reported: Text, or Html for markup read as text (too deeply nested for a DOM).</param>
    public static ParseResult Parse(string text, CancellationToken cancellationToken, DocumentFormat format = DocumentFormat.Text)
    {
        var blocks = ToBlocks(text, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return ArticleBuilder.Build(blocks, PageHints.TextDump, format, cancellationToken);
    }

    internal static List<Block> ToBlocks(string text, CancellationToken cancellationToken)
    {
        var blocks = new List<Block>();
        var lineNumber = 0;
        // The line above began with prose in the left column: a short cell that ends a sentence here continues it.
        var previousProse = false;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            if ((++lineNumber & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (blocks.Count >= Block.MaxBlocksPerPage) break;
            var raw = text.AsSpan()[range];
            var line = TextStats.CollapseWhitespace(raw);
            if (line.Length == 0)
            {
                // Blank lines are kept (empty blocks score neutral) so paragraph gaps do not merge far-apart lines.
                if (blocks.Count > 0 && blocks[^1].Text.Length != 0) blocks.Add(new Block(string.Empty));
                continue;
            }
            if (IsLonePlaceholder(line))
            {
                previousProse = false;
                // "[0543172fdf]" alone on a line is a picture, inside or outside the article: a small cost, not a link's.
                blocks.Add(new Block(line, line.Length) { IsPlaceholder = true });
                continue;
            }
            var heading = 0;
            if (line.StartsWith('#'))
            {
                // Markdown headings: "# Title".
                heading = line.TakeWhile(c => c == '#').Count();
                line = line[heading..].Trim();
                if (heading > 6) heading = 0;
                if (line.Length == 0) continue;
            }
            var cells = heading > 0 ? [] : SplitCells(raw);
            line = MainColumn(line, cells, previousProse);
            var block = new Block(line, PlaceholderChars(line, IsNumberedHeadline(line))) { HeadingLevel = heading, GuessedLink = IsNumberedHeadline(line), Cells = cells };
            blocks.Add(block);
            previousProse = cells.Count > 0 ? IsProse(cells[0]) : block.Letters >= 20 && block.Punctuation > 0;
        }
        KeepNumberedItemsWithContent(blocks);
        return blocks;
    }

    /// <summary>
    /// A "most read" list prints its numbered headlines one under another; an article's numbered points
    /// ("1、青石镇博物馆" then its details, "2、…") each have lines of their own between them. A numbered line with
    /// no numbered neighbour is such a point: plain text, not a guessed link.
    /// </summary>
    private static void KeepNumberedItemsWithContent(List<Block> blocks)
    {
        var previous = -1;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Text.Length == 0 || blocks[i].IsPlaceholder) continue;
            if (blocks[i].GuessedLink && (previous < 0 || !blocks[previous].GuessedLink))
            {
                var next = i + 1;
                while (next < blocks.Count && (blocks[next].Text.Length == 0 || blocks[next].IsPlaceholder)) next++;
                if (next == blocks.Count || !blocks[next].GuessedLink)
                {
                    var block = blocks[i];
                    blocks[i] = new Block(block.Text, PlaceholderChars(block.Text, numbered: false)) { HeadingLevel = block.HeadingLevel, Cells = block.Cells };
                }
            }
            previous = i;
        }
    }

    /// <summary>
    /// Dumps lose links, but keep their traces: "[logo]" image placeholders and "•" menu bullets. They stand in for
    /// link text so menus score like link lists in HTML.
    /// </summary>
    private static int PlaceholderChars(string line, bool numbered)
    {
        var count = 0;
        var depth = 0;
        foreach (var c in line)
        {
            if (c == '[') depth++;
            if (depth > 0) count++;
            if (c == ']' && depth > 0) depth--;
        }
        if (numbered) return line.Length;
        if (line[0] == '[' && count < line.Length)
        {
            // "[thumbnail] Some headline": a teaser link with its picture.
            TextStats.Count(line, out var teaserLetters, out _);
            if (teaserLetters < 50) return line.Length;
        }
        if (IsBullet(line[0]))
        {
            TextStats.Count(line, out var letters, out var punctuation);
            if (punctuation == 0 || letters < 50) count = line.Length;
        }
        return count;
    }

    /// <summary>
    /// w3m prints table cells and side columns on one line, apart by a gap of three or more spaces or a │ rule;
    /// prose and headlines have at most two spaces (a full-width space after NFKC). Empty for a one-cell line.
    /// </summary>
    internal static IReadOnlyList<string> SplitCells(ReadOnlySpan<char> raw)
    {
        List<string>? cells = null;
        var cellStart = 0;
        var spaces = 0;
        for (var i = 0; i <= raw.Length; i++)
        {
            var c = i < raw.Length ? raw[i] : '│';
            if (c is ' ' or '\t' or '\u3000' or '\u00A0')
            {
                spaces++;
                continue;
            }
            var gap = c is '│' or '┃' || (spaces >= 3 && i < raw.Length);
            // Most lines have no gap: they end here without allocating anything.
            if (i == raw.Length && cells is null) break;
            if (gap)
            {
                var cellEnd = c is '│' or '┃' ? i : i - spaces;
                var cell = TextStats.CollapseWhitespace(raw[cellStart..cellEnd]);
                if (cell.Length > 0)
                {
                    cells ??= [];
                    // w3m sets a list item's text three spaces after its bullet ("*   栏目"): the bullet is the item's, not a cell.
                    if (cells.Count > 0 && IsBulletCell(cells[^1])) cells[^1] = cells[^1] + " " + cell;
                    else cells.Add(cell);
                    // A line that is all cells is a table row of many short items: nothing more is needed from it.
                    if (cells.Count >= 16) break;
                }
                cellStart = c is '│' or '┃' ? i + 1 : i;
            }
            spaces = 0;
        }
        return cells is { Count: >= 2 } ? cells : [];
    }

    /// <summary>The marks w3m and other converters put before list items and menu entries.</summary>
    private static bool IsBullet(char c) => c is '•' or '·' or '◦' or '*' or '○' or '●' or '▪' or '■' or '□' or '◆' or '★' or '»' or '>' or '-';

    /// <summary>A cell that is a bullet alone ("-", "»" and ">" alone are rules and arrows as often as bullets).</summary>
    private static bool IsBulletCell(string cell) => cell.Length == 1 && cell[0] is not ('-' or '»' or '>') && IsBullet(cell[0]);

    /// <summary>
    /// A line of prose with a side column's scraps printed to its right ("…村民出行方便    ·县里新开公交线"): the prose
    /// alone, so the scraps neither join the body nor break the sentence the hard-wrapped lines carry.
    /// </summary>
    internal static string MainColumn(string line, IReadOnlyList<string> cells, bool afterProse = false)
    {
        if (cells.Count < 2) return line;
        TextStats.Count(cells[0], out var letters, out var punctuation);
        if (punctuation == 0) return LeftColumnCut(line, cells, letters);
        // A dateline's cells are its fields (the writer's name beside the date), not a side column.
        if (DateParser.TryFind(line, out _, out _, out _)) return line;
        // "少。    青石镇上赏灯忙" under a line of prose: the last words of a hard-wrapped paragraph, a side column beside them.
        if (afterProse && cells[0][^1] is '。' or '？' or '！' or '?' or '!') return cells[0];
        if (letters < 20) return line;
        var rest = 0;
        for (var i = 1; i < cells.Count; i++)
        {
            TextStats.Count(cells[i], out var other, out _);
            rest += other;
        }
        return rest * 2 <= letters ? cells[0] : line;
    }

    /// <summary>
    /// "石头妹, 31岁    在青石镇东南约40公里,是早年…": a left column's scrap (a profile, a menu item) printed before a
    /// line of prose: the prose alone, when it is far the longer.
    /// </summary>
    private static string LeftColumnCut(string line, IReadOnlyList<string> cells, int firstLetters)
    {
        var last = cells[^1];
        if (firstLetters >= 15 || !IsProse(last) || DateParser.TryFind(line, out _, out _, out _)) return line;
        TextStats.Count(last, out var letters, out _);
        var rest = 0;
        for (var i = 0; i < cells.Count - 1; i++)
        {
            TextStats.Count(cells[i], out var other, out _);
            rest += other;
        }
        return rest * 2 <= letters ? last : line;
    }

    private static bool IsProse(string text)
    {
        TextStats.Count(text, out var letters, out var punctuation);
        return letters >= 20 && punctuation > 0;
    }

    private static bool IsLonePlaceholder(string line) =>
        line.Length > 2 && line[0] == '[' && line[^1] == ']' && line.IndexOf('[', 1) < 0 && line.IndexOf(']') == line.Length - 1;

    /// <summary>"3. Some headline" without a closing full stop: a ranking or "most read" list, which were links on the page.</summary>
    private static bool IsNumberedHeadline(string line)
    {
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits])) digits++;
        if (digits is 0 or > 2 || digits >= line.Length - 1 || line[digits] is not ('.' or '、' or ')')) return false;
        TextStats.Count(line, out var letters, out _);
        return letters < 40 && !line.EndsWith('。');
    }
}
