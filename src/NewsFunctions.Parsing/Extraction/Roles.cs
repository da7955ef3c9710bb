namespace NewsFunctions.Parsing.Extraction;

/// <summary>Gives every block a role before the body is located, from its text alone.</summary>
internal static class Roles
{
    public static BlockRole[] Assign(IReadOnlyList<Block> blocks, CancellationToken cancellationToken)
    {
        var roles = new BlockRole[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            if ((i & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            roles[i] = Of(blocks[i]);
        }
        return roles;
    }

    private static BlockRole Of(Block block)
    {
        if (block.Letters == 0 || block.IsPlaceholder)
            return block.Images.Count > 0 || block.IsPlaceholder ? BlockRole.Image : BlockRole.Noise;
        if (Boilerplate.IsFooter(block)) return BlockRole.Footer;
        if (block.Letters < 200 && Labels.PreviousNext().IsMatch(block.Text)) return BlockRole.PreviousNext;
        if (IsBreadcrumb(block)) return BlockRole.Breadcrumb;
        if (IsMeta(block)) return BlockRole.Meta;
        // A dump's row of cells ("menu | menu    2023年4月2日(北京时间)"): a dated or labelled cell makes it a label line.
        if (block.Cells.Count > 0 && block.Punctuation == 0 && block.Cells.Any(c => IsMeta(new Block(c)))) return BlockRole.Meta;
        if (Boilerplate.IsNoise(block)) return BlockRole.Noise;
        return BlockRole.Text;
    }

    /// <summary>A line of labelled fields (发布时间: 来源: 作者:) or a bare date line.</summary>
    public static bool IsMeta(Block block)
    {
        if (block.Letters > 120) return false;
        // In a sentence ("他告诉记者：……") a label is speech, not a field: prose counts only labels that open the line.
        if (block.Letters > 40 && block.Punctuation >= 3 && Labels.FirstLabelIndex(block.Text) > 2) return false;
        var labelled = Labels.ReadLabelledValues(block.Text);
        // "记者：你平时怎么安排训练？": an interview's question, sentences after one label (perhaps hard-wrapped), not a field.
        if (labelled.Count <= 1 && block.Letters > 30 && !DateParser.ContainsYear(block.Text)
            && (block.Punctuation >= 3 || (block.Punctuation >= 2 && block.Text.TrimEnd()[^1] is '。' or '？' or '?' or '！' or '!'))) return false;
        if (labelled.Count > 0 && labelled.Any(v => v.Field != Labels.Field.Other)) return true;
        if (labelled.Count >= 2) return true;
        return block.Letters < 40 && block.Punctuation <= 1 && DateParser.TryFind(block.Text, out _, out _, out _);
    }

    public static bool IsBreadcrumb(Block block)
    {
        if (block.Letters > 80) return false;
        if (Labels.BreadcrumbLabel().IsMatch(block.Text)) return true;
        var separators = 0;
        var text = block.Text;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '>' or '»' or '＞' or '→' or '›' || (c == '/' && i > 0 && i + 1 < text.Length && text[i - 1] == ' ' && text[i + 1] == ' '))
            {
                separators++;
                while (i + 1 < text.Length && text[i + 1] is '>' or '»') i++;
            }
        }
        if (separators >= 2 && block.Punctuation <= 1) return true;
        // "首页 - 新闻动态", "首页 > 通知公告": a trail that starts at the home page needs only one step.
        return block.Letters <= 30 && StartsAtHome(text);
    }

    private static readonly string[] HomeCrumbs = ["首页", "主页", "网站首页", "Home", "HOME"];

    private static bool StartsAtHome(string text)
    {
        foreach (var home in HomeCrumbs)
        {
            if (!text.StartsWith(home, StringComparison.Ordinal)) continue;
            var rest = text.AsSpan(home.Length).TrimStart();
            return rest.Length > 1 && rest[0] is '>' or '»' or '＞' or '→' or '›' or '-' or '/' or '|' && rest[1..].Trim().Length > 0;
        }
        return false;
    }
}
