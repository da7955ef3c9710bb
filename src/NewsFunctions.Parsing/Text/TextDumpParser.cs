using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Text;

/// <summary>
/// Plain-text dumps of news pages (the seed's format): a breadcrumb line, the title, a line of labelled
/// metadata, the body, previous/next links, then the footer. Anchored on the metadata line's labels.
/// </summary>
internal static class TextDumpParser
{
    private static readonly string[] FooterMarkers =
        ["与我们联系", "联系我们", "Copyright", "copyright", "版权所有", "ICP备", "主办单位", "技术支持", "联系电话", "传  真", "传真", "邮  箱", "邮箱"];

    private static readonly string[] NoiseMarkers =
        ["打印本页", "关闭窗口", "【打印】", "【关闭】", "字号", "分享到", "扫一扫", "浏览次数", "点击数"];

    public static ParseResult Parse(string text, CancellationToken cancellationToken)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.Trim()).ToArray();

        var metaIndex = Array.FindIndex(lines, l => Labels.ReadLabelledValues(l).Any(v => v.Field is Labels.Field.Date or Labels.Field.Source));
        var breadcrumbIndex = Array.FindIndex(lines, l => Labels.BreadcrumbLabel().IsMatch(l));
        cancellationToken.ThrowIfCancellationRequested();

        var title = FindTitle(lines, metaIndex, breadcrumbIndex);
        if (title is null)
            return ParseResult.Fail(ParseFailureReason.NoTitle, "No title was found: no line of labelled metadata (发布时间, 来源) with a headline above it.", DocumentFormat.Text);

        DateTimeOffset? publishedAt = null;
        var hasTime = false;
        string? source = null, author = null, editor = null;
        foreach (var (field, value) in Labels.ReadLabelledValues(lines[metaIndex]))
        {
            switch (field)
            {
                case Labels.Field.Date when publishedAt is null && DateParser.TryParse(value, out var date, out var withTime):
                    publishedAt = date;
                    hasTime = withTime;
                    break;
                case Labels.Field.Source when source is null && value.Length > 0:
                    source = value;
                    break;
                case Labels.Field.Author when author is null && value.Length > 0:
                    author = value;
                    break;
                case Labels.Field.Editor when editor is null && value.Length > 0:
                    editor = value;
                    break;
            }
        }

        var paragraphs = new List<string>();
        ArticleLink? previous = null, next = null;
        var bodyEnded = false;
        for (var i = metaIndex + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0) continue;
            var link = Labels.PreviousNext().Match(line);
            if (link.Success)
            {
                bodyEnded = true;
                var linkTitle = link.Groups["title"].Value.Trim();
                if (linkTitle.Length == 0 || linkTitle is "没有了" or "无") continue;
                if (link.Groups["kind"].Value.StartsWith('上')) previous ??= new ArticleLink(linkTitle);
                else next ??= new ArticleLink(linkTitle);
                continue;
            }
            if (IsFooter(line)) break;
            if (bodyEnded || IsNoise(line)) continue;
            paragraphs.Add(line);
        }

        if (paragraphs.Count == 0)
            return ParseResult.Fail(ParseFailureReason.NoBody, "A title was found but no body text after it.", DocumentFormat.Text);

        var article = new ParsedArticle
        {
            Title = title,
            PublishedAt = publishedAt,
            HasPublishedTime = hasTime,
            Source = source,
            Author = author,
            Editor = editor,
            Categories = breadcrumbIndex >= 0 ? ReadBreadcrumb(lines[breadcrumbIndex]) : [],
            Paragraphs = paragraphs,
            Previous = previous,
            Next = next,
            SiteName = FindSiteName(lines),
        };
        return ParseResult.Success(article, DocumentFormat.Text);
    }

    private static string? FindTitle(string[] lines, int metaIndex, int breadcrumbIndex)
    {
        if (metaIndex < 0) return null;
        for (var i = metaIndex - 1; i > breadcrumbIndex && i >= 0; i--)
        {
            if (lines[i].Length > 0 && !IsNoise(lines[i]))
                return lines[i];
        }
        return null;
    }

    private static string[] ReadBreadcrumb(string line)
    {
        var label = Labels.BreadcrumbLabel().Match(line);
        var trail = line[(label.Index + label.Length)..];
        return Labels.BreadcrumbSeparator().Split(trail).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
    }

    private static string? FindSiteName(string[] lines)
    {
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var owner = Labels.CopyrightOwner().Match(lines[i]);
            if (owner.Success) return owner.Groups["name"].Value;
        }
        return null;
    }

    private static bool IsFooter(string line) => FooterMarkers.Any(line.Contains);

    private static bool IsNoise(string line) => NoiseMarkers.Any(line.Contains);
}
