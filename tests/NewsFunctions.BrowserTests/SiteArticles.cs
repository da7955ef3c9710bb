using System.Globalization;
using System.Net;
using System.Text;

namespace NewsFunctions.BrowserTests;

/// <summary>An invented article of the test site, and the page it is uploaded as.</summary>
internal sealed record SiteArticle(
    string Title,
    DateTimeOffset? Published,
    string Category,
    string? Source,
    string? Author,
    string Path,
    string[] Paragraphs,
    string? ImageName = null,
    string? ImageCaption = null)
{
    public string CanonicalUrl => "https://news.example.cn/" + Path;
}

/// <summary>
/// The test site's articles (invented text): dated ones chained by 上一篇/下一篇 (title and URL, so they become links
/// wherever the API resolves neighbours), one undated notice without source or author, and one whose text is markup.
/// Their pages are HTML as a CMS writes it: menu, breadcrumb, dateline, body, editor, previous/next, footer.
/// </summary>
internal static class SiteArticles
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset On(int month, int day, int hour, int minute) => new(2023, month, day, hour, minute, 0, China);

    /// <summary>Stored articles, oldest first: a neighbour's link names the one before or after it here.</summary>
    public static IReadOnlyList<SiteArticle> All { get; } =
    [
        new("网页标签<b>粗体</b>不应生效", On(2, 20, 10, 0), "本地新闻", "河畔日报", null, "local/2023/0220/0990.html",
            ["本报讯　编辑部收到读者来信，询问网页上的尖括号为何会原样显示，这是因为文章内容一律按文字处理。",
             "例如 <img src=x onerror=alert(1)> 与 <script>alert(2)</script> 在这里都只是文字，不会变成图片或脚本。",
             "读者可以放心阅读来自各个网站的新闻，页面不会执行文章里夹带的任何代码。"]),
        new("河畔新区启动老旧小区改造工程", On(3, 1, 8, 0), "本地新闻", "河畔日报", "王明", "local/2023/0301/1001.html",
            ["本报讯　3月1日，河畔新区老旧小区改造工程正式启动，首批涉及十二个小区、四千余户居民。",
             "改造内容包括外墙保温、雨污分流、加装电梯和增设停车位，工程计划于年底前全部完工。",
             "新区住建部门表示，施工期间将合理安排作业时间，尽量减少对居民生活的影响。"]),
        new("全区中小学开展春季读书月活动", On(3, 2, 9, 15), "教育", "河畔教育局", null, "edu/2023/0302/1002.html",
            ["本报讯　全区八十余所中小学近日开展春季读书月活动，围绕经典阅读、亲子共读等主题组织讲座和展览。",
             "各校图书馆延长借阅时间，并向学生推荐分年级书目，鼓励学生每天阅读半小时。",
             "活动将持续到三月底，期间还将评选书香班级和阅读之星。"]),
        new("河畔半程马拉松报名人数创新高", On(3, 3, 10, 0), "体育", "河畔日报", "刘洋", "sports/2023/0303/1003.html",
            ["本报讯　第五届河畔半程马拉松报名通道关闭，报名人数超过两万人，创历届新高。",
             "赛事组委会将通过抽签确定一万两千名参赛选手，抽签结果将在下周公布。",
             "今年赛道沿滨江一路延伸，途经多处城市地标，沿途设置十个补给站。"]),
        new("滨江绿道北段建成开放", On(3, 4, 14, 20), "本地新闻", "河畔新区发布", null, "local/2023/0304/1004.html",
            ["本报讯　滨江绿道北段于3月4日建成开放，全长六点五公里，串联起三个滨水公园。",
             "绿道设有骑行道和步行道，沿线新建驿站四处，提供休息、饮水和自行车维修服务。",
             "周末首日，不少市民带着家人前来散步骑行，欣赏江边春色。"],
            ImageName: "greenway.svg"),
        new("河畔职业学校新增智能制造专业", On(3, 5, 16, 45), "教育", "河畔教育局", null, "edu/2023/0305/1005.html",
            ["本报讯　河畔职业学校今年秋季将新增智能制造专业，计划招收学生一百二十名。",
             "学校与区内多家企业共建实训基地，学生在校期间可到企业参加岗位实习。",
             "学校负责人介绍，新专业的课程由企业工程师和学校教师共同设计。"]),
        new("新区将试点夜间公交线路", On(3, 6, 9, 0), "本地新闻", "河畔日报", null, "local/2023/0306/1006.html",
            ["本报讯　记者从新区交通部门获悉，新区将试点开通夜间公交线路，方便夜班职工和晚归市民出行。",
             "试点线路初步规划途经火车站、人民医院和工业园，发车间隔约二十分钟。",
             "交通部门正在征集市民意见，意见征集截止到本月中旬。"]),
        new("社区篮球联赛决赛周末开打", On(3, 7, 11, 30), "体育", "河畔日报", null, "sports/2023/0307/1007.html",
            ["本报讯　河畔社区篮球联赛经过两个月的角逐，决赛将于本周末在区体育馆举行。",
             "进入决赛的两支球队分别来自东湖社区和柳岸社区，双方在小组赛中曾打成平手。",
             "组委会提醒观众提前入场，体育馆周边将实行临时交通管制。"]),
        new("三所新建幼儿园秋季招生", On(3, 8, 8, 40), "教育", "河畔教育局", null, "edu/2023/0308/1008.html",
            ["本报讯　新区三所新建幼儿园将于今年秋季开园招生，共提供学位九百个。",
             "三所幼儿园均为公办园，分别位于河畔新城、滨江片区和柳岸片区。",
             "报名将在网上进行，具体时间和条件将另行公布。"]),
        new("新区图书馆延长开放时间", On(3, 9, 15, 0), "本地新闻", "河畔新区发布", null, "local/2023/0309/1009.html",
            ["本报讯　新区图书馆自3月10日起延长开放时间，每天开放至晚上九点。",
             "图书馆同时增加自习座位两百个，并开通手机预约功能。",
             "馆方表示，将根据读者需求继续优化服务。"]),
        new("青少年游泳训练营开始报名", On(3, 10, 10, 10), "体育", "河畔日报", null, "sports/2023/0310/1010.html",
            ["本报讯　河畔青少年游泳训练营即日起开始报名，面向七至十四岁的青少年。",
             "训练营由专业教练授课，分为初级班和提高班，每期十次课。",
             "报名可通过区体育中心官方网站进行，名额有限，报满即止。"]),
        new("乡村学校用上远程课堂", On(3, 11, 9, 30), "教育", "河畔日报", "陈静", "edu/2023/0311/1011.html",
            ["本报讯　河畔区六所乡村学校日前用上远程课堂，学生可以同步收看城区名校的课程。",
             "远程课堂配备高清摄像头和互动屏幕，乡村学生可以实时向城区老师提问。",
             "区教育局表示，明年将把远程课堂推广到全区所有乡村学校。"]),
        new("河畔新区开通首条夜间公交线路", On(3, 12, 21, 30), "本地新闻", "河畔日报", "张小明 李华", "local/2023/0312/1012.html",
            ["本报讯　3月12日晚，河畔新区首条夜间公交线路正式开通运行，首班车于晚上十点从新区客运站发出。",
             "据介绍，该线路全长二十一公里，沿途设站二十六个，途经火车站、人民医院和三个大型居住区。",
             "“以前下夜班只能打车，现在坐车回家方便多了。”在工业园上班的市民王女士说。",
             "新区交通部门表示，将根据客流情况适时调整发车间隔，并研究开通第二条线路。"],
            ImageName: "bus.svg", ImageCaption: "夜间公交首班车驶出客运站。"),
    ];

    /// <summary>An undated notice: no date anywhere on the page, no source, no author, no neighbours.</summary>
    public static SiteArticle Undated { get; } = new("关于河畔公园部分区域临时封闭的通知", null, "公告", null, null, "notice/1013.html",
        ["因园内步道维修，河畔公园东区将临时封闭，封闭期间请游客从南门和西门出入。",
         "维修完成后将及时恢复开放，给游客带来的不便，敬请谅解。",
         "如有疑问，请咨询公园管理处。"]);

    /// <summary>Neighbours the site links to that were never uploaded: they stay titles, never links.</summary>
    public const string OlderUnstored = "河畔新区召开年度工作会议";

    public const string NewerUnstored = "河畔公园樱花进入盛花期";

    public static IEnumerable<SiteArticle> Everything => All.Append(Undated);

    public static byte[] Page(SiteArticle article, string siteOrigin)
    {
        var index = All.ToList().IndexOf(article);
        (string Title, string Url)? previous = index < 0 ? null
            : index == 0 ? (OlderUnstored, "https://news.example.cn/local/2023/0219/0989.html")
            : (All[index - 1].Title, All[index - 1].CanonicalUrl);
        (string Title, string Url)? next = index < 0 ? null
            : index == All.Count - 1 ? (NewerUnstored, "https://news.example.cn/local/2023/0313/1014.html")
            : (All[index + 1].Title, All[index + 1].CanonicalUrl);

        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(article.Title)}_{E(article.Category)}_河畔日报网</title>\n")
            .Append(CultureInfo.InvariantCulture, $"<meta property=\"og:title\" content=\"{E(article.Title)}\">\n")
            .Append("<meta property=\"og:site_name\" content=\"河畔日报网\">\n");
        if (article.Published is { } published)
            html.Append(CultureInfo.InvariantCulture, $"<meta property=\"article:published_time\" content=\"{published.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<link rel=\"canonical\" href=\"{article.CanonicalUrl}\">\n</head>\n<body>\n")
            .Append("<div class=\"top\"><ul class=\"menu\"><li><a href=\"/\">首页</a></li><li><a href=\"/local/\">本地</a></li><li><a href=\"/edu/\">教育</a></li><li><a href=\"/sports/\">体育</a></li></ul></div>\n");
        html.Append("<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; ");
        if (article.Category != "公告") html.Append("<a href=\"/news/\">新闻</a> &gt; ");
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"/{article.Path.Split('/')[0]}/\">{E(article.Category)}</a></div>\n")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"main\">\n  <h1 class=\"title\">{E(article.Title)}</h1>\n");
        var dateline = new List<string>();
        if (article.Published is { } when) dateline.Add(when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        if (article.Source is { } source) dateline.Add("来源：" + E(source));
        if (article.Author is { } author) dateline.Add("作者：" + E(author));
        if (dateline.Count > 0) html.Append(CultureInfo.InvariantCulture, $"  <div class=\"info\">{string.Join("　", dateline)}</div>\n");
        html.Append("  <div class=\"content\">\n");
        for (var p = 0; p < article.Paragraphs.Length; p++)
        {
            html.Append(CultureInfo.InvariantCulture, $"    <p>　　{E(article.Paragraphs[p])}</p>\n");
            if (p == 0 && article.ImageName is { } image)
            {
                var img = $"<img src=\"{siteOrigin}/media/{image}\" width=\"640\" height=\"360\">";
                html.Append(article.ImageCaption is { } caption
                    ? string.Create(CultureInfo.InvariantCulture, $"    <figure>{img}<figcaption>{E(caption)}</figcaption></figure>\n")
                    : $"    <p>{img}</p>\n");
            }
        }
        html.Append("  </div>\n");
        if (article.Published is not null) html.Append("  <p class=\"editor\">（责任编辑：周文）</p>\n");
        html.Append("  <div class=\"share\">分享到：微信 微博</div>\n");
        if (previous is { } before && next is { } after)
            html.Append(CultureInfo.InvariantCulture, $"  <div class=\"pn\">\n    <p>上一篇：<a href=\"{before.Url}\">{E(before.Title)}</a></p>\n    <p>下一篇：<a href=\"{after.Url}\">{E(after.Title)}</a></p>\n  </div>\n");
        html.Append("</div>\n<div class=\"footer\"><p>关于我们 | 联系我们 | 网站地图</p><p>Copyright © 版权所有：河畔日报网</p></div>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>The pictures the articles show, served by the site (drawn here, so nothing is downloaded).</summary>
    public static IReadOnlyDictionary<string, (string ContentType, byte[] Bytes)> Media { get; } = new Dictionary<string, (string, byte[])>
    {
        ["bus.svg"] = ("image/svg+xml", Encoding.UTF8.GetBytes("""
            <svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
              <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0b1d3a"/><stop offset="1" stop-color="#28446e"/></linearGradient></defs>
              <rect width="640" height="360" fill="url(#sky)"/>
              <circle cx="540" cy="70" r="30" fill="#f4e9c1"/>
              <rect y="280" width="640" height="80" fill="#2b2b2b"/>
              <rect x="0" y="316" width="640" height="6" fill="#d9c14a" opacity="0.6"/>
              <rect x="150" y="170" width="330" height="120" rx="18" fill="#c8372d"/>
              <rect x="170" y="188" width="60" height="46" rx="6" fill="#ffe9a8"/>
              <rect x="245" y="188" width="60" height="46" rx="6" fill="#ffe9a8"/>
              <rect x="320" y="188" width="60" height="46" rx="6" fill="#ffe9a8"/>
              <rect x="395" y="188" width="65" height="80" rx="6" fill="#ffe9a8"/>
              <circle cx="210" cy="292" r="22" fill="#1a1a1a"/><circle cx="420" cy="292" r="22" fill="#1a1a1a"/>
              <circle cx="472" cy="262" r="7" fill="#fff6c8"/>
            </svg>
            """)),
        ["greenway.svg"] = ("image/svg+xml", Encoding.UTF8.GetBytes("""
            <svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
              <rect width="640" height="360" fill="#cfe8f7"/>
              <rect y="200" width="640" height="160" fill="#7fb069"/>
              <path d="M0 300 C 200 250, 400 330, 640 260 L 640 290 C 400 360, 200 280, 0 330 Z" fill="#e8dcc0"/>
              <circle cx="120" cy="190" r="40" fill="#3d7a3a"/><circle cx="300" cy="180" r="48" fill="#3d7a3a"/><circle cx="500" cy="195" r="36" fill="#3d7a3a"/>
            </svg>
            """)),
    };
}
