using System.Text.RegularExpressions;

namespace NewsFunctions.Parsing.Extraction;

/// <summary>The field labels Chinese news pages use (see docs/field-notes.md), as patterns over plain text.</summary>
internal static partial class Labels
{
    public enum Field { Date, Source, Author, Editor, Other }

    private static readonly (Field Field, string[] Words)[] Known =
    [
        (Field.Date, ["发布时间", "发布日期", "发稿时间", "发表时间", "发表日期", "成文日期", "发文日期", "公开日期", "更新时间", "刊发时间", "发表于", "发布于", "时间", "日期"]),
        (Field.Source, ["信息来源", "文章来源", "稿件来源", "本文来源", "资料来源", "新闻来源", "来源于", "发布机构", "发布部门", "来源", "出处", "出自"]),
        (Field.Editor, ["责任编辑", "责编", "编辑", "审核", "校对"]),
        (Field.Author, ["作者", "撰稿", "撰文", "撰写", "采写", "执笔人", "执笔", "记者", "通讯员", "发文机关", "发布者", "发布人", "发帖人", "楼主", "文", "口述"]),
        (Field.Other, ["浏览次数", "点击数", "点击", "阅读", "摄影", "字号", "访问量", "索引号", "文号", "主题分类"]),
    ];

    /// <summary>Matches "label:" with optional spaces between the label's characters (发 布 机 构：) and either colon.
    /// A one-letter label (文) must not follow another CJK letter, so 原文: is not an author label.</summary>
    private static readonly Regex LabelPattern = BuildPattern();

    private static readonly System.Buffers.SearchValues<char> LabelStarts =
        System.Buffers.SearchValues.Create(string.Concat(Known.SelectMany(k => k.Words).Where(w => w.Length >= 2).Select(w => w[0]).Distinct()));

    private static readonly System.Buffers.SearchValues<char> LabelEnds = System.Buffers.SearchValues.Create(":：丨｜");

    private static Regex BuildPattern()
    {
        var words = Known.SelectMany(k => k.Words).OrderByDescending(w => w.Length)
            .Select(w => w.Length == 1
                ? $@"(?<![\u4e00-\u9fff]){Regex.Escape(w)}"
                : string.Join(@"[ \t\u3000]?", w.Select(c => Regex.Escape(c.ToString()))));
        // "来源丨示例日报", "作者｜张三": self-media and magazine pages set the label off with a bar instead of a colon.
        return new Regex($@"(?<label>{string.Join('|', words)})\s*(?:[:：]|(?<=[\u4e00-\u9fff]{{2}}\s*)[丨｜])", RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    /// <summary>A label word of any field (时间, 来源, 浏览次数…), as printed without its colon.</summary>
    public static bool IsLabelWord(string word) => Known.Any(k => k.Words.Contains(word));

    public static Field Classify(string label)
    {
        var compact = string.Concat(label.Where(c => !char.IsWhiteSpace(c)));
        foreach (var (field, words) in Known)
            if (words.Contains(compact))
                return field;
        return Field.Other;
    }

    /// <summary>The labelled values on one line, e.g. "发布时间:2020-09-23    来源:常熟市人民政府".</summary>
    public static IReadOnlyList<(Field Field, string Value)> ReadLabelledValues(string line)
    {
        if (line.AsSpan().IndexOfAny(LabelEnds) < 0) return line.Contains('|', StringComparison.Ordinal) ? ReadFieldRow(line) : [];
        var matches = LabelPattern.Matches(line);
        if (matches.Count == 0) return line.Contains('|', StringComparison.Ordinal) ? ReadFieldRow(line) : [];
        var values = new List<(Field, string)>(matches.Count);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : line.Length;
            var value = line[start..end].Trim().Trim('|', '丨', '【', '】', '[', ']', '(', ')', '（', '）').Trim();
            values.Add((Classify(matches[i].Groups["label"].Value), value));
        }
        return values;
    }

    /// <summary>
    /// "发表于2014-08-24 21:30| 872次阅读| 来源示例网| 作者张三": a row of fields set off by bars, each opening with its
    /// label and no colon. Read only when two cells or more open with a label of two letters or more, one of them names
    /// a known field, and the row carries a date: a menu ("首页 | 记者之家 | 编辑推荐") has words like labels, but no date.
    /// </summary>
    private static List<(Field Field, string Value)> ReadFieldRow(string line)
    {
        if (!DateParser.ContainsYear(line)) return [];
        var values = new List<(Field, string)>();
        foreach (var range in line.AsSpan().Split('|'))
        {
            var span = line.AsSpan(range).Trim();
            // Most cells of a menu row open with no label's first letter: passed over without a string.
            if (span.Length < 3 || !LabelStarts.Contains(span[0])) continue;
            var cell = span.ToString();
            foreach (var (field, words) in Known)
            {
                var label = words.FirstOrDefault(w => w.Length >= 2 && cell.StartsWith(w, StringComparison.Ordinal) && cell.Length > w.Length);
                if (label is null) continue;
                values.Add((field, cell[label.Length..].Trim()));
                break;
            }
        }
        return values.Count >= 2 && values.Exists(v => v.Item1 != Field.Other) && DateParser.TryFind(line, out _, out _, out _) ? values : [];
    }

    /// <summary>Where the first label starts, or -1.</summary>
    public static int FirstLabelIndex(string line)
    {
        if (line.AsSpan().IndexOfAny(LabelEnds) < 0) return -1;
        var match = LabelPattern.Match(line);
        return match.Success ? match.Index : -1;
    }

    [GeneratedRegex(@"(您现在的位置|您当前的位置|您当前位置|您所在的位置|您所在位置|当前位置|您的位置|现在位置|所在位置|当前栏目|(?<![\u4e00-\u9fff])位置(?=\s*[:：]))\s*[:：]?", RegexOptions.CultureInvariant)]
    public static partial Regex BreadcrumbLabel();

    [GeneratedRegex(@"\s*(?:>>|»|->|>|＞|→|/)\s*|\s+[-|]\s+", RegexOptions.CultureInvariant)]
    public static partial Regex BreadcrumbSeparator();

    [GeneratedRegex(@"^[【\[]?\s*(?<kind>上一条|上一篇|下一条|下一篇)\s*[】\]]?\s*[:：]?\s*(?<title>.*)$", RegexOptions.CultureInvariant)]
    public static partial Regex PreviousNext();

    [GeneratedRegex(@"[【\[]?\s*(?<kind>上一条|上一篇|下一条|下一篇)\s*[】\]]?\s*[:：]?\s*", RegexOptions.CultureInvariant)]
    public static partial Regex PreviousNextMarker();

    /// <summary>"标题：…" or "标 题：…" in an info table: the headline, labelled.</summary>
    [GeneratedRegex(@"^\s*标\s*题\s*[:：]\s*(?<title>\S.{1,120})$", RegexOptions.CultureInvariant)]
    public static partial Regex HeadlineLabel();

    /// <summary>"本文链接: https://…": a dump's own address (text dumps have no link rel=canonical).</summary>
    [GeneratedRegex(@"(?:本文链接|原文链接|原文地址|本文地址|文章地址|文章链接|本页地址|网址|URL)\s*[:：]\s*(?<url>https?://[^\s<>""'，。]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex AddressLabel();

    [GeneratedRegex(@"版权所有\s*[:：©]?\s*(?<name>[^\s|,，。]+)", RegexOptions.CultureInvariant)]
    public static partial Regex CopyrightOwner();

    /// <summary>"记者 张三", "本报记者张三李四", "通讯员 王五", "某某周刊作者 张三": a reporter or writer named without a colon
    /// (作者 and 撰文 need a space after them or a name closing the line, so "作者的话是" stays a phrase). Names that close the
    /// line are taken whole, however they run together ("记者张三李四" in a dump that lost its spaces).</summary>
    [GeneratedRegex(@"(?:(?:记者|通讯员)\s*[:：]?\s*|(?:作者|撰文|撰稿)(?:\s*[:：]\s*|\s+|(?=[\u4e00-\u9fff·]{2,4}\s*[】\]）)]?\s*$)))(?<names>[\u4e00-\u9fff·]{2,9}(?=\s*[】\]）)]?\s*$)|[\u4e00-\u9fff·]{2,4}(?:[ \u3000、]{0,3}[\u4e00-\u9fff·]{2,4}){0,4})", RegexOptions.CultureInvariant)]
    public static partial Regex Reporter();

    /// <summary>"文/张三", "文｜张三 李四", "图文/王五" opening a line: the writer's credit.</summary>
    [GeneratedRegex(@"^[（(【\[]?\s*(?:图\s*)?文\s*[/／|｜]\s*(?<names>[\u4e00-\u9fff·]{2,4}(?:[ \u3000、]{1,3}[\u4e00-\u9fff·]{2,4}){0,4})", RegexOptions.CultureInvariant)]
    public static partial Regex WriterCredit();

    /// <summary>"张三/文", "张三 李四 文", "文图：张三" closing a short line: the writer's credit after the names.</summary>
    [GeneratedRegex(@"^[（(【\[]?\s*(?<names>[\u4e00-\u9fff·]{2,4}(?:[ \u3000、]{1,3}[\u4e00-\u9fff·]{2,4}){0,4})(?:\s*[/／|｜]\s*|\s+)(?:图\s*)?文\s*[）)】\]]?$", RegexOptions.CultureInvariant)]
    public static partial Regex TrailingWriterCredit();

    /// <summary>"By Jane Doe", "BY JANE DOE and JOHN ROE", "Posted by jdoe": an English-style byline opening its line.</summary>
    [GeneratedRegex(@"^\s*(?:(?:By|BY|Written by|Posted by|Author:|AUTHOR:)\s+)(?<names>(?:[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]+){0,3})(?:\s*(?:,|and|&)\s*[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]+){0,3}){0,3}|[a-z][\w.\-]{2,19})", RegexOptions.CultureInvariant)]
    public static partial Regex EnglishByline();

    /// <summary>A closing byline in parentheses: "（记者 张三）", "(张三 李四)", "(张三上海报道)".</summary>
    [GeneratedRegex(@"[（(]\s*(?:[^（）()]{0,10}?(?:记者|通讯员|作者|文))?\s*[:：/]?\s*(?<names>[\u4e00-\u9fff·]{2,4}(?:[ \u3000、,，]{1,3}[\u4e00-\u9fff·]{2,4}){0,4}|[\u4e00-\u9fff·]{2,12}?)\s*(?:[\u4e00-\u9fff]{0,6}?报道|/?摄影?|/?文)?\s*[）)][^。！？.!?]{0,4}$", RegexOptions.CultureInvariant)]
    public static partial Regex ClosingByline();
}
