using System.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>
/// Small invented pages in the shapes many sites share (a menu, the article, a side column, a footer), for tests
/// that show one general page pattern each. No text here is taken from a real page.
/// </summary>
internal static class InventedPages
{
    public const string Paragraphs =
        "<p>本报讯 今年春天，示例县的水泥路修到了每家每户门口，村民出行方便了许多，孩子们上学也不再踩泥水了。</p>" +
        "<p>村干部说，下一步还要在路边种上行道树，再装几盏路灯，让晚上回家的人心里更踏实。</p>" +
        "<p>县交通部门表示，全县还有十几个自然村的道路正在施工，预计年底前全部完工，届时将实现村村通硬化路。</p>";

    public const string TextParagraphs =
        "本报讯 今年春天，示例县的水泥路修到了每家每户门口，村民出行方便了许多，孩子们上学也不再踩泥水了。\n\n" +
        "村干部说，下一步还要在路边种上行道树，再装几盏路灯，让晚上回家的人心里更踏实。\n\n" +
        "县交通部门表示，全县还有十几个自然村的道路正在施工，预计年底前全部完工，届时将实现村村通硬化路。\n";

    private const string Menu = "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">要闻</a> <a href=\"/b\">本地</a> <a href=\"/c\">财经</a> <a href=\"/d\">体育</a></div>";

    private const string Side = "<div class=\"side\"><h3>热门文章</h3><ul><li><a href=\"/1\">城区新增三处便民停车场</a></li>" +
        "<li><a href=\"/2\">社区食堂受到老人欢迎</a></li><li><a href=\"/3\">老旧小区加装电梯进展顺利</a></li></ul></div>";

    private const string Footer = "<div class=\"footer\"><p>关于我们 | 联系我们</p><p>Copyright © 示例网 版权所有</p></div>";

    /// <summary>A page: head (title and any extra head markup), the menu, then <paramref name="article"/>, a side column and a footer.</summary>
    public static ParsedArticle Html(string title, string article, string head = "")
    {
        var html = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>{head}</head><body>{Menu}" +
                   $"<div class=\"main\">{article}</div>{Side}{Footer}</body></html>";
        return Fixtures.Parse(Encoding.UTF8.GetBytes(html), "page.html");
    }

    /// <summary>A text dump: the given lines, a blank line, then the three paragraphs.</summary>
    public static ParsedArticle Text(params string[] header) =>
        Fixtures.Parse(Encoding.UTF8.GetBytes("首页 | 要闻 | 本地 | 财经\n\n" + string.Join('\n', header) + "\n\n" + TextParagraphs + "\n关于我们 | 联系我们\nCopyright © 示例网 版权所有\n"));
}
