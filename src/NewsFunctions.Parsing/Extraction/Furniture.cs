namespace NewsFunctions.Parsing.Extraction;

/// <summary>Navigation around the article: breadcrumb, previous/next links, the site's name from the footer.</summary>
internal static class Furniture
{
    /// <summary>The breadcrumb nearest above the body, outermost first; labelled ones (当前位置) preferred.</summary>
    public static IReadOnlyList<string> Breadcrumb(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyStart)
    {
        var found = -1;
        for (var i = Math.Min(bodyStart, blocks.Count) - 1; i >= 0; i--)
        {
            if (roles[i] != BlockRole.Breadcrumb) continue;
            if (Labels.BreadcrumbLabel().IsMatch(blocks[i].Text)) { found = i; break; }
            if (found < 0) found = i;
        }
        if (found < 0) return [];
        var text = blocks[found].Text;
        var label = Labels.BreadcrumbLabel().Match(text);
        var trail = label.Success ? text[(label.Index + label.Length)..] : text;
        var parts = Labels.BreadcrumbSeparator().Split(trail)
            .Select(p => p.Trim().Trim('›', '»', '>', ' ')).Where(p => p.Length > 0 && p.Length <= 30).ToList();
        // A trailing run after wide spacing in dumps is a neighbouring widget, not a crumb.
        if (parts.Count > 0)
        {
            var last = parts[^1];
            var gap = last.IndexOf("  ", StringComparison.Ordinal);
            if (gap > 0) parts[^1] = last[..gap];
        }
        return parts.Count >= 1 ? parts : [];
    }

    public static (ArticleLink? Previous, ArticleLink? Next) PreviousNext(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyEnd)
    {
        ArticleLink? previous = null, next = null;
        for (var i = Math.Max(0, bodyEnd - 1); i < blocks.Count && (previous is null || next is null); i++)
        {
            if (roles[i] != BlockRole.PreviousNext && !Labels.PreviousNextMarker().IsMatch(blocks[i].Text)) continue;
            if (blocks[i].Letters > 200) continue;
            var text = blocks[i].Text;
            var markers = Labels.PreviousNextMarker().Matches(text);
            for (var m = 0; m < markers.Count; m++)
            {
                var start = markers[m].Index + markers[m].Length;
                var end = m + 1 < markers.Count ? markers[m + 1].Index : text.Length;
                var title = text[start..end].Trim().Trim('|', '丨').Trim();
                if (title.Length == 0 || title is "没有了" or "无" or "没有了!" or "暂无" || title.StartsWith("没有", StringComparison.Ordinal)) continue;
                var link = new ArticleLink(title, FindHref(blocks[i], title));
                if (markers[m].Groups["kind"].Value.StartsWith('上')) previous ??= link;
                else next ??= link;
            }
        }
        return (previous, next);
    }

    private static string? FindHref(Block block, string title)
    {
        var normalized = TextStats.Normalize(title);
        foreach (var link in block.Links)
        {
            var text = TextStats.Normalize(link.Text);
            if (text.Length > 0 && (normalized.Contains(text, StringComparison.Ordinal) || text.Contains(normalized, StringComparison.Ordinal)))
                return link.Href;
        }
        return null;
    }

    /// <summary>The page's address as the dump prints it ("本文链接: https://…"), if it does.</summary>
    public static string? AddressFromText(IReadOnlyList<Block> blocks)
    {
        foreach (var block in blocks)
        {
            if (block.Letters > 200 || block.Text.IndexOf("http", StringComparison.OrdinalIgnoreCase) < 0) continue;
            var match = Labels.AddressLabel().Match(block.Text);
            if (match.Success && Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var uri)) return uri.ToString();
        }
        return null;
    }

    private static readonly string[] NotOwnerWords = ["转载", "授权", "复制", "必究", "禁止", "不得", "ICP", "许可证", "备案", "违者"];

    /// <summary>"版权所有：投促中国" names the owner; "版权所有 不得转载", "版权所有 2000-2006" do not.</summary>
    private static bool IsOwnerName(string name) =>
        name.Count(TextStats.IsCjk) >= 2 && !NotOwnerWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)) && name.Count(char.IsAsciiDigit) * 2 < name.Length;

    public static string? SiteNameFromFooter(IReadOnlyList<Block> blocks)
    {
        for (var i = blocks.Count - 1; i >= 0 && i >= blocks.Count - 80; i--)
        {
            var owner = Labels.CopyrightOwner().Match(blocks[i].Text);
            if (owner.Success && IsOwnerName(owner.Groups["name"].Value))
                return owner.Groups["name"].Value;
        }
        return null;
    }
}
