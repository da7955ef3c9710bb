namespace NewsFunctions.Parsing.Extraction;

/// <summary>Author, editor and source: labelled values near the body, reporter bylines, closing (记者 X) lines.</summary>
internal static class BylineFinder
{
    public sealed record Byline(string? Author, string? Editor, string? Source);

    private static readonly string[] NotNames = ["完", "图", "待续", "未完", "全文完", "未完待续", "本报讯", "新华社", "来源", "责任编辑", "编辑", "记者", "点击", "阅读", "评论", "星期", "网友", "报道", "原创", "转载", "供图", "摄影", "首页", "作者", "发表", "返回", "查看", "楼主", "用户", "匿名", "管理员", "admin", "本站", "本网", "佚名", "未知", "本人", "更新", "发布", "发文", "时间", "日期", "http", "www", "显示", "调查", "观察", "专访", "手记", "连线", "热线", "信箱", "之家", "招聘", "站", "昨天", "今天", "前天", "字号", "小时前", "分钟前", "天前", "通讯员", "实习生", "特约", "分享", "手机版", "朗读", "关注", "收藏", "打印", "订阅", "客户端", "目录", "简介", "单位", "文章", "最新", "="];

    public static Byline Find(IReadOnlyList<Block> blocks, BlockRole[] roles, int titleIndex, int bodyStart, int bodyEnd, DateFinder.Found? date, PageHints hints)
    {
        string? author = null, editor = null, source = null;
        // The dateline is where pages put 来源 and 作者, so it is read even when the body starts far below it.
        var window = Window(blocks.Count, titleIndex, bodyStart, bodyEnd);
        if (date is { Index: >= 0 } dateline) window = window.Prepend(dateline.Index).Distinct();
        // Above the run's last lines only credits are read: a 来源 there belongs to a teaser or a notice as often as to the article.
        var creditsOnly = (From: Math.Min(blocks.Count, Math.Min(bodyStart + 8, bodyEnd + 1)), To: bodyEnd - 4);
        foreach (var i in window)
        {
            var block = blocks[i];
            // Labels in prose ("记者：请问……" in an interview) are not bylines.
            if (block.Letters > 80 && roles[i] == BlockRole.Text) continue;
            foreach (var (field, labelled) in Labels.ReadLabelledValues(block.Text))
            {
                // Tables put the label in one cell and the value in the next: "发文机关:" | "示例市人民政府".
                var value = labelled.Length == 0 && i + 1 < blocks.Count && blocks[i + 1].Letters is > 0 and <= 30 && Labels.FirstLabelIndex(blocks[i + 1].Text) < 0
                    ? blocks[i + 1].Text
                    : labelled;
                switch (field)
                {
                    case Labels.Field.Author when author is null:
                        author = Names(value);
                        break;
                    case Labels.Field.Editor when editor is null:
                        editor = Names(value);
                        break;
                    case Labels.Field.Source when source is null && (i < creditsOnly.From || i >= creditsOnly.To):
                        source = Source(value);
                        break;
                }
            }
        }

        // Government CMSs (TRS, Hanweb…) name the publisher in <meta name="ContentSource">.
        source ??= hints.Source is { } meta ? Source(meta) : null;
        source ??= SourceBesideDate(blocks, date);
        source ??= OrganisationUnderTitle(blocks, roles, titleIndex, bodyStart);
        author ??= Reporter(blocks, titleIndex, bodyStart, bodyEnd);
        author ??= Closing(blocks, roles, bodyStart, bodyEnd);
        author ??= FromMeta(hints);
        author ??= NameLineUnderTitle(blocks, roles, titleIndex, bodyStart);
        author ??= LeftOnDateLine(blocks, date);
        author ??= editor;
        author ??= LeftOnDateNearTitle(blocks, titleIndex, bodyStart);
        return new Byline(author, editor, source);
    }

    /// <summary>Where bylines sit: from a little above the headline to the first lines of the body, then the body's last lines and below.</summary>
    /// <param name="wide">Labelled fields may sit in an info table well above the headline; unlabelled credits may not.</param>
    private static IEnumerable<int> Window(int count, int titleIndex, int bodyStart, int bodyEnd, bool wide = true)
    {
        var headline = titleIndex >= 0 && titleIndex < bodyStart ? titleIndex : bodyStart - 12;
        // Credits follow the headline; labelled fields may also sit in an info table above it.
        var top = Math.Max(0, wide ? Math.Min(headline, bodyStart - 15) - 3 : headline);
        var headerEnd = Math.Min(count, Math.Min(bodyStart + 8, bodyEnd + 1));
        for (var i = top; i < headerEnd; i++) yield return i;
        // A short body is read whole; a long one at its start and its end.
        // Labelled credits ("作者：…", "采写：…") may sit a screen above the run's end, before the share bar and notices the run took in.
        var tailStart = bodyEnd - bodyStart < 30 ? headerEnd : Math.Max(headerEnd, bodyEnd - (wide ? 20 : 4));
        for (var i = tailStart; i < Math.Min(count, bodyEnd + 10); i++) yield return i;
    }

    private static string? Reporter(IReadOnlyList<Block> blocks, int titleIndex, int bodyStart, int bodyEnd)
    {
        foreach (var i in Window(blocks.Count, titleIndex, bodyStart, bodyEnd, wide: false))
        {
            if (blocks[i].LinkDensity > 0.5) continue;
            var credit = Labels.WriterCredit().Match(blocks[i].Text);
            // "文/某某网专栏作者张三": names that run on into a longer word are a publisher's; the writer comes later.
            var creditEnd = credit.Index + credit.Length;
            var runsOn = credit.Success && creditEnd < blocks[i].Text.Length && TextStats.IsCjk(blocks[i].Text[creditEnd]);
            if (credit.Success && !runsOn && Names(credit.Groups["names"].Value) is { } writers) return writers;
            if (blocks[i].Letters <= 20)
            {
                var trailing = Labels.TrailingWriterCredit().Match(blocks[i].Text);
                if (trailing.Success && Names(trailing.Groups["names"].Value) is { } named) return named;
            }
            if (blocks[i].Letters <= 60 && Labels.EnglishByline().Match(blocks[i].Text) is { Success: true } english)
                return EnglishNames(english.Groups["names"].Value);
            var match = Labels.Reporter().Match(blocks[i].Text);
            if (!match.Success) continue;
            // A byline opens a line, closes it, or is the whole line; "本报记者" in mid-sentence is prose.
            var end = match.Index + match.Length;
            var text = blocks[i].Text;
            var placed = match.Index <= 15 || blocks[i].Letters <= 40 || end >= text.Length - 8;
            // "向本报记者表示，……" or "记者随后赶到……地": a reporter inside a sentence, which goes on after the match.
            if (end < text.Length && (text[end] is '，' or '。' or ',' or '；' or ';' || TextStats.IsCjk(text[end]))) placed = false;
            // Names have no particles and do not run on for ten characters: "随后赶到事故发生的路口" is a sentence.
            var captured = match.Groups["names"].Value;
            if (captured.Contains('的', StringComparison.Ordinal) || captured.Split(' ', '\u3000', '、').Any(w => w.Length > 9)) placed = false;
            if (placed && Names(captured) is { } names) return names;
        }
        return null;
    }

    /// <summary>"Jane Doe and John Roe" → "Jane Doe John Roe"; a trailing " in City" or date is cut by the pattern already.</summary>
    private static string? EnglishNames(string value)
    {
        var names = value.Replace(" and ", ",", StringComparison.Ordinal).Replace("&", ",", StringComparison.Ordinal)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length == 0 ? null : string.Join(' ', names);
    }

    private static string? Closing(IReadOnlyList<Block> blocks, BlockRole[] roles, int bodyStart, int bodyEnd)
    {
        for (var i = Math.Min(blocks.Count - 1, bodyEnd + 2); i >= Math.Max(bodyStart, bodyEnd - 3) && i >= 0; i--)
        {
            if (roles[i] is BlockRole.Footer || blocks[i].LinkDensity > 0.3) continue;
            var match = Labels.ClosingByline().Match(blocks[i].Text);
            if (match.Success && Names(match.Groups["names"].Value) is { } names) return names;
        }
        return null;
    }

    private static string? FromMeta(PageHints hints)
    {
        var meta = hints.Author?.Trim();
        if (string.IsNullOrEmpty(meta) || meta.Length > 30 || meta.Contains("://", StringComparison.Ordinal) || meta.Contains('.', StringComparison.Ordinal)) return null;
        // CMSs put the site ("…网", "某某财经-自媒体") or a user id into the author meta tag.
        if (meta.All(char.IsAsciiDigit) || meta.EndsWith('网') || meta.Contains('-', StringComparison.Ordinal) || meta.Contains('_', StringComparison.Ordinal)) return null;
        if (hints.SiteName is not null && meta.Contains(hints.SiteName, StringComparison.Ordinal)) return null;
        // A name that the document title carries is the site's ("…_网易新闻"), not a writer's.
        if (hints.DocumentTitle is not null && hints.DocumentTitle.Contains(meta, StringComparison.Ordinal)) return null;
        return Names(meta);
    }

    /// <summary>"新华社" alone on a line right under the headline: the byline slot holds the publisher.</summary>
    private static string? OrganisationUnderTitle(IReadOnlyList<Block> blocks, BlockRole[] roles, int titleIndex, int bodyStart)
    {
        if (titleIndex < 0) return null;
        var seen = 0;
        for (var i = titleIndex + 1; i < blocks.Count && i <= bodyStart && seen < 3; i++)
        {
            if (blocks[i].Letters == 0) continue;
            seen++;
            if (blocks[i].Letters > 12 || blocks[i].Punctuation > 0 || blocks[i].LinkDensity > 0.5 || roles[i] != BlockRole.Text) continue;
            var text = TitleFinder.Clean(blocks[i].Text);
            // Alone on a line, only a name that ends like an organisation's (新华社, 示例日报) is taken; a short phrase is not.
            if (IsOrganisation(text, endingRequired: true)) return text;
        }
        return null;
    }

    /// <summary>A line holding only a name (two or three CJK letters) between headline and body.</summary>
    private static string? NameLineUnderTitle(IReadOnlyList<Block> blocks, BlockRole[] roles, int titleIndex, int bodyStart)
    {
        if (titleIndex < 0) return null;
        for (var i = titleIndex + 1; i < Math.Min(blocks.Count, Math.Max(bodyStart + 1, titleIndex + 2)) && i <= titleIndex + 4; i++)
        {
            // "│李四    │": dumps keep the table's rules around the name.
            var text = TitleFinder.Clean(blocks[i].Text);
            if (blocks[i].Punctuation > 0 || blocks[i].LinkDensity > 0.5) continue;
            // Two or three characters: most Chinese names; four-character lines under a headline are usually section labels.
            if (text.Length is >= 2 and <= 3 && text.All(TextStats.IsCjk) && IsName(text)) return text;
        }
        return null;
    }

    /// <summary>"ggjjzhzz 2005-9-15 11:46" or "2004年7月16日 [ 黄宇 ]": the word left beside a bare date.</summary>
    private static string? LeftOnDateLine(IReadOnlyList<Block> blocks, DateFinder.Found? date) =>
        date is { Index: >= 0 } found ? LeftBesideDate(blocks[found.Index], found.Span) : null;

    /// <summary>
    /// A blog's "Sunday, April 2nd, 2023 10:00 am ● 王小五" right above or below the headline, when the
    /// publication date was taken from another line.
    /// </summary>
    private static string? LeftOnDateNearTitle(IReadOnlyList<Block> blocks, int titleIndex, int bodyStart)
    {
        if (titleIndex < 0) return null;
        for (var i = Math.Max(0, titleIndex - 2); i <= titleIndex + 3 && i < blocks.Count && i <= bodyStart; i++)
        {
            if (i == titleIndex || !DateParser.TryFind(blocks[i].Text, out _, out _, out var span)) continue;
            // "2023-04-02 10:00 县城日报": LeftBesideDate passes over organisations' names; the one name left is the writer.
            if (LeftBesideDate(blocks[i], span) is { } name) return name;
        }
        return null;
    }

    /// <summary>
    /// "2023-04-02 10:00 河畔日报", "县融媒体中心 2023-04-02": many pages print the publisher beside the dateline with
    /// no 来源 label. A word there that names an organisation (ends like one, or is longer than a person's name) is it.
    /// </summary>
    private static string? SourceBesideDate(IReadOnlyList<Block> blocks, DateFinder.Found? date)
    {
        if (date is not { Index: >= 0 } found) return null;
        var words = WordsBesideDate(blocks[found.Index], found.Span);
        for (var i = 0; i < words.Length; i++)
        {
            // "by 某某网友": a poster's name, however long.
            if (i > 0 && words[i - 1].Equals("by", StringComparison.OrdinalIgnoreCase)) continue;
            if (IsOrganisation(words[i])) return words[i];
        }
        return null;
    }

    private static readonly string[] OrganisationEndings =
        ["网", "报", "社", "台", "刊", "志", "新闻", "站", "局", "委", "部", "厅", "院", "会", "所", "办", "处", "中心", "政府", "在线", "频道", "客户端", "传媒", "媒体", "集团", "公司", "财经", "资讯", "大学", "学院", "银行", "证券"];

    /// <summary>Tools, counters and field words printed on datelines: never a publisher's name.</summary>
    private static readonly string[] NotOrganisations =
        ["点击", "阅读", "评论", "分享", "收藏", "打印", "关注", "订阅", "手机", "字号", "返回", "首页", "查看", "显示", "更新", "发表", "时间", "日期",
         "星期", "小时前", "分钟前", "天前", "昨天", "今天", "前天", "作者", "编辑", "记者", "通讯员", "本站", "本网", "http", "www", "举报", "纠错", "浏览",
         "关闭", "窗口", "字体", "大中小", "复制", "链接", "登录", "注册"];

    private static readonly string[] CompoundSurnames =
        ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "司徒", "公孙", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "呼延", "申屠", "澹台", "钟离", "闻人", "万俟", "赫连", "百里", "东郭", "太史", "第五"];

    private static readonly string[] PlaceWords = ["来自", "发布于", "发表于", "属地", "IP属地"];

    /// <summary>Work words printed after a publisher ("[整理]", "综合"), not names.</summary>
    private static readonly string[] ContributionWords = ["整理", "编译", "综合", "原创", "转载", "转自", "供稿", "独家", "首发", "报道", "发布", "来源", "出处"];

    /// <summary>
    /// An organisation's name: CJK ending like a paper, site, station or office (新京报, 示例网, 县融媒体中心), any CJK word
    /// longer than a Chinese personal name (four letters or more, 晨风观察), or a word of four capitals or more (ABCD).
    /// </summary>
    internal static bool IsOrganisation(string word, bool endingRequired = false)
    {
        if (word.Length > 20 || word.Any(char.IsAsciiDigit) || NotOrganisations.Any(word.Contains) || ContributionWords.Contains(word)) return false;
        // "来自北京", "发布于上海": where the writer posted from, not who published.
        if (PlaceWords.Any(p => word.StartsWith(p, StringComparison.Ordinal))) return false;
        // "某某财经-自媒体综合", "某某网—某某报": a publisher and its channel or partner, joined by a dash.
        var dash = word.IndexOfAny(['-', '—', '－']);
        if (dash > 0 && dash < word.Length - 1) return IsOrganisation(word[..dash], endingRequired) || IsOrganisation(word[(dash + 1)..], endingRequired);
        var cjk = word.Count(TextStats.IsCjk);
        if (cjk >= 2 && cjk == word.Count(char.IsLetter))
        {
            // A bare ending ("财经", "新闻") is a channel's name; a long run without one is a headline printed beside its date.
            if (OrganisationEndings.Any(e => word.EndsWith(e, StringComparison.Ordinal) && word.Length > e.Length)) return true;
            // Four letters after a two-letter surname (欧阳小五) are a person's name.
            return !endingRequired && cjk is >= 4 and <= 8 && !(cjk == 4 && CompoundSurnames.Any(n => word.StartsWith(n, StringComparison.Ordinal)));
        }
        // Capitals: an agency or a site (four letters or more: "FAQ", "APP" are buttons).
        return word.Length is >= 4 and <= 12 && word.All(c => char.IsAsciiLetterUpper(c) || c == '&');
    }

    private static string? LeftBesideDate(Block block, Range span)
    {
        // "2023-04-02 10:00 河畔晨报 王小五": the publisher beside the date is the source; the name left is the writer.
        var words = WordsBesideDate(block, span).Where(w => !IsOrganisation(w) && !ContributionWords.Contains(w)).ToArray();
        if (words.Length != 1) return null;
        var word = words[0];
        var cjkName = word.Length is >= 2 and <= 4 && word.All(TextStats.IsCjk);
        var userName = word.Length is >= 3 and <= 20 && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && word.Any(char.IsAsciiLetterLower);
        return (cjkName || userName) && IsName(word) ? word : null;
    }

    private static string[] WordsBesideDate(Block block, Range span)
    {
        var text = block.Text;
        if (block.Letters > 60) return [];
        var rest = text[..span.Start.Value] + " " + text[span.End.Value..];
        // Labelled fields (来源: ...) follow the byline; only what precedes them can be a name.
        var firstLabel = Labels.FirstLabelIndex(rest);
        if (firstLabel > 0 && !char.IsWhiteSpace(rest[firstLabel - 1]) && rest[firstLabel - 1] is not (']' or '】' or '|')) return [];
        if (firstLabel >= 0) rest = rest[..firstLabel];
        return rest.Split([' ', '\u3000', '|', '[', ']', '【', '】', '(', ')', '●', '•', ':', '：', '丨'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim(',', '，'))
            .Where(w => !w.Contains('.', StringComparison.Ordinal) && !w.Contains('/', StringComparison.Ordinal) && w.Any(char.IsLetter) && !IsWeekday(w))
            // A lone letter is a bullet or a stray character, not a name; "发表于", "建立于" (posted at, set up on) and a label
            // printed without its colon are the date's words.
            .Where(w => w.Length > 1 && !w.EndsWith('于') && Labels.Classify(w) == Labels.Field.Other && !Labels.IsLabelWord(w))
            .ToArray();
    }

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "am", "pm"];

    /// <summary>Weekdays printed beside dates ("Saturday", "星期六", "周六") and am/pm.</summary>
    private static bool IsWeekday(string word) =>
        Weekdays.Contains(word.ToLowerInvariant()) || (word.Length is 2 or 3 && (word.StartsWith("星期", StringComparison.Ordinal) || word.StartsWith('周') || word.StartsWith('週')));

    private static bool IsName(string word) => !NotNames.Any(word.Contains) && !Labels.BreadcrumbLabel().IsMatch(word);

    /// <summary>The names at the start of a labelled value: stops at counters, links and other fields.</summary>
    internal static string? Names(string value)
    {
        // A sentence after a label ("记者：首先欢迎你……？") is an interview, not a byline.
        if (value.IndexOfAny(['。', '！', '？', '!', '?']) >= 0) return null;
        var sentenceEnd = value.IndexOfAny(['，', ',']);
        if (sentenceEnd >= 0) value = value[..sentenceEnd];
        // "采写：南都记者 张三": the paper and the role before the names.
        var role = value.IndexOf("记者", StringComparison.Ordinal);
        if (role is >= 0 and <= 8 && value.Length - role - 2 >= 2 && value[..role].All(TextStats.IsCjk)) value = value[(role + 2)..];
        var words = value.Split([' ', '\u3000', '\t', '、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries);
        var names = new List<string>();
        foreach (var raw in words)
        {
            // A role word ("通讯员 李明") starts the next credit: the names so far are this one's.
            if (RoleWords.Any(r => raw.StartsWith(r, StringComparison.Ordinal))) break;
            var word = CutSuffix(raw.Trim('(', ')', '（', '）', '[', ']', '【', '】', '|', '/', '丨'));
            if (word.Length == 0) break;
            var cjk = word.Count(TextStats.IsCjk);
            if (word.Length > 20 || cjk > 16 || word.Contains("://", StringComparison.Ordinal) || word.Any(c => c is '(' or '（' or ':' or '：')) break;
            if (!IsName(word))
            {
                // "李四返回首页": a link's text glued to the last name; the name before it still counts.
                var glued = GluedTools.Select(n => word.IndexOf(n, StringComparison.Ordinal)).Where(at => at >= 2).DefaultIfEmpty(-1).Min();
                if (glued is >= 2 and <= 4 && word[..glued].All(TextStats.IsCjk) && IsName(word[..glued])) names.Add(word[..glued]);
                break;
            }
            names.Add(word);
            if (names.Count == 6 || word.Length != raw.Length) break;
        }
        return names.Count == 0 ? null : string.Join(' ', names);
    }

    /// <summary>Link words that pages glue to the last name of a byline ("李四返回首页").</summary>
    private static readonly string[] GluedTools = ["返回", "查看", "点击", "更多", "分享", "关注", "收藏", "打印", "举报"];

    private static readonly string[] RoleWords = ["通讯员", "记者", "实习生", "摄影", "编辑", "特约"];

    private static readonly string[] Suffixes = ["报道", "发自", "摄影", "摄", "电", "讯", "/文", "文/", "供稿", "出自", "[", "(", "（", "【"];

    /// <summary>"张三示例县报道" → "张三示例县": drops the reporting verb that follows a byline.</summary>
    private static string CutSuffix(string word)
    {
        foreach (var suffix in Suffixes)
        {
            var at = word.IndexOf(suffix, StringComparison.Ordinal);
            if (at > 0) word = word[..at];
        }
        var slash = word.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? word[..slash] : word;
    }

    private static readonly string[] SourceTools = ["举报", "分享", "打印", "收藏", "发表评论", "评论", "纠错"];

    private static string? Source(string value)
    {
        var cut = value.IndexOf("  ", StringComparison.Ordinal);
        var source = (cut > 0 ? value[..cut] : value).Trim();
        if (source.Contains('=', StringComparison.Ordinal) || source.Contains('"', StringComparison.Ordinal)) return null;
        // "光明网-《光明日报》2024-05-20 03:15", "北青网 [ipLocation]北京": a date or a placeholder ends the source.
        if (DateParser.TryFind(source, out _, out _, out var date) && date.Start.Value > 0) source = source[..date.Start.Value];
        var bracket = source.Length > 1 ? source.IndexOf('[', 1) : -1;
        if (bracket > 0) source = source[..bracket];
        source = source.Trim().Trim('[', ']', '|', '【', '】', ' ');
        // "新京报 举报": a tool link printed after the source.
        foreach (var tool in SourceTools)
            if (source.EndsWith(" " + tool, StringComparison.Ordinal)) source = source[..^(tool.Length + 1)].TrimEnd();
        return source.Length is > 0 and <= 40 ? source : null;
    }
}
