using System.Globalization;
using System.Text;

namespace NewsFunctions.IntegrationTests;

/// <summary>Test documents: the real seed, and variants of its format made on the fly.</summary>
internal static class Documents
{
    public static byte[] Seed() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "seeds", "000_81ac17763b65a3e7.txt"));

    /// <param name="previous">The 上一条 title (null: the page has none).</param>
    /// <param name="next">The 下一条 title (null: the page has none).</param>
    public static byte[] Article(string title, DateOnly published, string category = "要闻", string source = "测试市人民政府", string? body = null,
        string? previous = "上一篇文章", string? next = "下一篇文章", string site = "测试网")
    {
        var text = string.Join('\n',
            $"您现在的位置:首页 > {category} > 文字新闻",
            title,
            $"发布时间:{published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}    来源:{source}",
            "",
            "  " + (body ?? $"{title}。这是正文的第一段,讲述了会议的内容。"),
            "  这是正文的第二段。",
            previous is null ? "" : $"上一条:{previous}",
            next is null ? "" : $"下一条:{next}",
            $"Copyright © 2024 {site} 版权所有:{site}");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>An HTML page with a canonical URL (optional) and previous/next as links (text, href), as news sites print them.</summary>
    public static byte[] Html(string title, DateOnly published, string? canonicalUrl, (string Text, string Href)? previous, (string Text, string Href)? next)
    {
        static string Link(string label, (string Text, string Href)? link) =>
            link is { } l ? $"<p>{label}：<a href=\"{l.Href}\">{l.Text}</a></p>" : "";
        var canonical = canonicalUrl is null ? "" : $"<link rel=\"canonical\" href=\"{canonicalUrl}\">";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>{{title}}_本地新闻_河畔日报网</title>
            <meta property="og:title" content="{{title}}">
            <meta property="og:site_name" content="河畔日报网">
            <meta property="article:published_time" content="{{published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}T09:00:00+08:00">
            {{canonical}}
            </head>
            <body>
            <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/local/">本地新闻</a></div>
            <div class="main">
              <h1 class="title">{{title}}</h1>
              <div class="info">{{published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}} 09:00　来源：河畔日报</div>
              <div class="content">
                <p>　　本报讯　{{title}}。有关部门介绍了详细情况，市民对此表示欢迎，认为这将给生活带来很多方便。</p>
                <p>　　据介绍，相关工作将分阶段推进，第一阶段预计在今年年底前完成，届时将向社会公布进展情况。</p>
              </div>
              <div class="pn">
                {{Link("上一篇", previous)}}
                {{Link("下一篇", next)}}
              </div>
            </div>
            <div class="footer"><p>Copyright © 2023 版权所有：河畔日报网</p></div>
            </body>
            </html>
            """;
        return Encoding.UTF8.GetBytes(html);
    }
}
