namespace NewsFunctions.Parsing.Extraction;

/// <summary>
/// From blocks (of an HTML page or a text dump) to an article, in named steps: roles, body, headline,
/// date, byline, body paragraphs, furniture. Cancellation is checked between steps.
/// </summary>
internal static class ArticleBuilder
{
    public static ParseResult Build(IReadOnlyList<Block> blocks, PageHints hints, DocumentFormat format, CancellationToken cancellationToken)
    {
        var roles = Roles.Assign(blocks, cancellationToken);
        var (start, end) = BodyLocator.Locate(blocks, roles, HeadlineAnchor.Find(blocks, roles, hints));
        cancellationToken.ThrowIfCancellationRequested();
        if (start < 0)
            return ParseResult.Fail(ParseFailureReason.NoBody, "No body text was found: no run of prose lines, only menus, labels or page furniture.", format);
        var fullEnd = end;
        // The headline first: when the body run begins with it, the listing and footer cuts must start below it.
        var (title, titleIndex) = TitleFinder.Find(blocks, roles, start, hints);
        if (titleIndex >= start && titleIndex < end)
            start = titleIndex + 1;
        end = BodyLocator.CutListing(blocks, roles, start, end);
        end = BodyLocator.CutAtFooter(blocks, roles, start, end);
        cancellationToken.ThrowIfCancellationRequested();

        var address = hints.CanonicalUrl ?? Furniture.AddressFromText(blocks);
        var date = DateFinder.Find(blocks, roles, titleIndex, start, end, hints, address);
        var byline = BylineFinder.Find(blocks, roles, titleIndex, start, end, date, hints);
        cancellationToken.ThrowIfCancellationRequested();

        var paragraphs = BodyParagraphs(blocks, roles, start, end, title);
        paragraphs.AddRange(Signature(blocks, roles, end));
        if (paragraphs.Count == 0 && titleIndex >= 0) paragraphs = LinesUnder(blocks, roles, titleIndex, title);
        if (paragraphs.Count == 0)
            return ParseResult.Fail(ParseFailureReason.NoBody, "A headline was found but no body text after it.", format);
        title = title is null ? FallbackTitle(paragraphs) : TitleFinder.WithoutLabels(title);
        if (string.IsNullOrWhiteSpace(title))
            return ParseResult.Fail(ParseFailureReason.NoTitle, "No headline was found.", format);

        var (previous, next) = Furniture.PreviousNext(blocks, roles, fullEnd);
        var article = new ParsedArticle
        {
            Title = title,
            PublishedAt = date?.Value,
            HasPublishedTime = date?.HasTime ?? false,
            Source = byline.Source,
            Author = byline.Author,
            Editor = byline.Editor,
            Categories = Furniture.Breadcrumb(blocks, roles, start),
            Paragraphs = paragraphs,
            Images = BodyImages(blocks, start, end),
            Previous = previous,
            Next = next,
            CanonicalUrl = address,
            SiteName = SiteName(hints.SiteName) ?? SiteName(Furniture.SiteNameFromFooter(blocks)) ?? SiteName(TitleFinder.SiteFromTitle(hints.DocumentTitle, title)),
            Language = Language(hints.Language, LanguageOf(paragraphs)),
        };
        return ParseResult.Success(article, format);
    }

    /// <summary>The body run without labels, tool bars, link lists and the repeated headline.</summary>
    private static List<string> BodyParagraphs(IReadOnlyList<Block> blocks, BlockRole[] roles, int start, int end, string? title)
    {
        var normalizedTitle = title is null ? null : TextStats.Normalize(title);
        var paragraphs = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start; i <= end && i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (roles[i] != BlockRole.Text || block.Letters == 0 || block.IsCaption) continue;
            var subheading = block.GuessedLink && i > start && i < end;
            if (block.LinkDensity > 0.5 && block.Punctuation == 0 && !subheading) continue;
            var text = TitleFinder.Clean(block.Text);
            if (text.Length == 0) continue;
            if (normalizedTitle is not null && paragraphs.Count == 0 && TextStats.Normalize(text) == normalizedTitle) continue;
            // Pages that carry a second copy of the article (mobile, print) put it right after the first.
            if (block.Letters >= 20 && !seen.Add(text)) continue;
            paragraphs.Add(text);
        }
        return paragraphs;
    }

    /// <summary>
    /// A picture story or a one-line notice: no run of prose, only a line or two under the headline. Those plain lines
    /// (not links, captions or labels) up to the first furniture are the article; only a headline with nothing plain under it ends in NoBody.
    /// </summary>
    private static List<string> LinesUnder(IReadOnlyList<Block> blocks, BlockRole[] roles, int titleIndex, string? title)
    {
        var lines = new List<string>();
        var normalizedTitle = title is null ? null : TextStats.Normalize(title);
        var seen = 0;
        for (var i = titleIndex + 1; i < blocks.Count && seen < 15; i++)
        {
            var block = blocks[i];
            if (block.Letters == 0) continue;
            seen++;
            if (roles[i] is BlockRole.Footer or BlockRole.PreviousNext or BlockRole.Breadcrumb) break;
            if (block.LinkDensity > 0.5)
            {
                if (lines.Count > 0) break;
                continue;
            }
            if (roles[i] != BlockRole.Text || block.IsCaption || block.Letters < 6) continue;
            var text = TitleFinder.Clean(block.Text);
            if (text.Length > 0 && TextStats.Normalize(text) != normalizedTitle) lines.Add(text);
        }
        return lines;
    }

    /// <summary>
    /// An official notice closes with its issuer and date on lines of their own ("示例市人民政府" then
    /// "2023年3月15日") right under the last paragraph: they are part of the document, though neither is prose.
    /// </summary>
    private static IEnumerable<string> Signature(IReadOnlyList<Block> blocks, BlockRole[] roles, int end)
    {
        if (end < 0 || blocks[end].Text.Length == 0 || blocks[end].Text[^1] is not ('。' or '！' or '!')) yield break;
        var issuer = NextLine(blocks, end);
        var date = issuer < 0 ? -1 : NextLine(blocks, issuer);
        if (date < 0 || date - end > 4) yield break;
        var name = blocks[issuer];
        if (roles[issuer] != BlockRole.Text || name.Letters is < 4 or > 20 || name.Punctuation > 0 || name.LinkChars > 0 || !name.Text.All(c => TextStats.IsCjk(c) || c == ' '))
            yield break;
        if (roles[date] != BlockRole.Meta || blocks[date].Letters > 12 || !DateParser.TryFind(blocks[date].Text, out _, out _, out _)) yield break;
        yield return name.Text;
        yield return blocks[date].Text;
    }

    private static int NextLine(IReadOnlyList<Block> blocks, int index)
    {
        for (var i = index + 1; i < blocks.Count; i++)
            if (blocks[i].Letters > 0) return i;
        return -1;
    }

    private static readonly string[] NotSiteNames = ["copyright", "about", "all rights reserved", "版权所有", "首页", "home"];

    /// <summary>A site name candidate, unless it is a footer word ("Copyright", "©") rather than a name.</summary>
    private static string? SiteName(string? candidate)
    {
        var name = candidate?.Trim().Trim('©', '|', '-', '_', ' ');
        if (string.IsNullOrEmpty(name) || name.Count(char.IsLetterOrDigit) < 2) return null;
        return NotSiteNames.Contains(name.ToLowerInvariant()) ? null : name;
    }

    private static List<ArticleImage> BodyImages(IReadOnlyList<Block> blocks, int start, int end)
    {
        var images = new List<ArticleImage>();
        for (var i = Math.Max(0, start - 1); i <= end + 1 && i < blocks.Count; i++)
            images.AddRange(blocks[i].Images);
        return images;
    }

    private static string FallbackTitle(List<string> paragraphs)
    {
        var first = paragraphs[0];
        var end = first.IndexOfAny(['。', '！', '？', '!', '?']);
        var sentence = end > 0 ? first[..end] : first;
        return sentence.Length > 40 ? sentence[..40] : sentence;
    }

    /// <summary>The page's declared language, unless templates left a default ("en") on a Chinese article.</summary>
    private static string Language(string? declared, string detected) =>
        declared is not null && (declared.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || detected != "zh") ? declared : detected;

    private static string LanguageOf(List<string> paragraphs)
    {
        int cjk = 0, letters = 0;
        foreach (var paragraph in paragraphs.Take(20))
            foreach (var c in paragraph)
            {
                if (!char.IsLetter(c)) continue;
                letters++;
                if (TextStats.IsCjk(c)) cjk++;
            }
        return letters == 0 || cjk * 5 >= letters ? "zh" : "und";
    }
}
