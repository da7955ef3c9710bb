using System.Text;
using NewsFunctions.Parsing.Extraction;
using NewsFunctions.Parsing.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>Headlines of text dumps, which have no &lt;title&gt; to match: hand-written pages in w3m's layout.</summary>
public sealed class DumpHeadlineTests
{
    private const string Body = "今年春天，村里的水泥路修到了每家每户门口，村民出行方便了许多，孩子们上学也不再踩泥水了。\n\n村干部说，下一步还要在路边种上行道树，再装几盏路灯，让晚上回家的人心里更踏实。\n";

    private static ParsedArticle Parse(params string[] header) =>
        Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n', header) + "\n\n" + Body));

    [Fact]
    public void Headline_above_the_dateline_wins_over_share_buttons_and_a_column_tag()
    {
        var article = Parse("首页 | 新闻", "", "【一线观察】", "", "乡村公路通到家门口", "", "[share]", "举报/反馈", "2023-04-02 10:00 来源:县融媒体中心",
            "", "分享到", "微信", "微博", "", "[pic]");
        Assert.Equal("乡村公路通到家门口", article.Title);
    }

    [Fact]
    public void Side_column_printed_beside_the_headline_is_cut_off()
    {
        var article = Parse("本地新闻", "", "乡村公路通到家门口(图)      热门排行", "2023-04-02 10:00 来源:县融媒体中心");
        Assert.Equal("乡村公路通到家门口(图)", article.Title);
    }

    [Fact]
    public void Left_column_menu_items_beside_the_headline_and_dateline_are_not_the_headline()
    {
        // A side menu of bulleted items printed to the left of the article's lines: the item beside the dateline is a menu's.
        var article = Parse("*   首页    ■ 新闻中心", "*   工作动态    乡村公路通到家门口", "*   通知公告    来源: | 发布时间: 2021-05-06 | 浏览次数: 35",
            "*   政策文件", "*   联系我们");
        Assert.Equal("乡村公路通到家门口", article.Title);
    }

    [Fact]
    public void Forum_row_with_user_headline_and_date_in_cells()
    {
        var article = Parse("社区首页 > 生活 > 闲聊", "[online] user2023    乡村公路通到家门口    2023-04-02 10:00:00    楼主", "[avatar]");
        Assert.Equal("乡村公路通到家门口", article.Title);
    }

    [Fact]
    public void Two_letter_headline_is_taken_when_the_breadcrumb_ends_with_it()
    {
        var article = Parse("您在这里: 首页 › 诗 › 春雨", "", "chūn yǔ", "", "春雨", "", "朝代:宋代");
        Assert.Equal("春雨", article.Title);
    }

    [Fact]
    public void A_column_tag_after_a_dumps_headline_is_cut_as_on_html_pages() =>
        Assert.Equal("乡村公路通到家门口了", Parse("乡村公路通到家门口了(一线观察·身边事)", "2023-04-02 10:00 来源:县融媒体中心").Title);

    [Fact]
    public void Channel_prefix_and_counter_are_dropped()
    {
        Assert.Equal("乡村公路通到家门口", DumpTitleFinder.Polish("图说本县| 乡村公路通到家门口"));
        Assert.Equal("第三章 山路", DumpTitleFinder.Polish("第三章 山路318"));
        Assert.Equal("乡村公路通到家门口(图)", DumpTitleFinder.Polish("乡村公路通到家门口(图)"));
        Assert.Equal("新路修好了(下)", DumpTitleFinder.Polish("新路修好了(下)"));
        Assert.Equal("乡村公路通到家门口", DumpTitleFinder.Polish("乡村公路通到家门口乡村公路通到家门口"));
    }

    [Fact]
    public void Headline_on_two_lines_is_joined()
    {
        var article = Parse("当前位置:首页/要闻", "", "全县农村公路提档升级", "预计三年新修道路两百公里", "", "发布日期:2023-04-02 10:00");
        Assert.Equal("全县农村公路提档升级预计三年新修道路两百公里", article.Title);
    }

    [Fact]
    public void Writer_prefixed_headline_loses_to_the_bare_repeat()
    {
        var article = Parse("│    张三:我为什么写这条路    │", "│作者:    发布日期: 4/2/2023 10:00:00 AM    │", "", "│我为什么写这条路    │");
        Assert.Equal("我为什么写这条路", article.Title);
    }

    [Fact]
    public void Sentences_labels_dates_and_menus_are_not_headlines()
    {
        Assert.Null(DumpTitleFinder.HeadlineLike("村里的水泥路修到了每家每户门口。"));
        Assert.Null(DumpTitleFinder.HeadlineLike("发布时间:2023-04-02"));
        Assert.Null(DumpTitleFinder.HeadlineLike("2023年4月2日 星期日"));
        Assert.Null(DumpTitleFinder.HeadlineLike("首页 * 要闻 * 国内 * 国际 * 体育"));
        Assert.Null(DumpTitleFinder.HeadlineLike("县报电子版 县电视台 县广播 县政府网"));
        Assert.Null(DumpTitleFinder.HeadlineLike("http://www.example.cn/news"));
        Assert.Equal("乡村公路通到家门口", DumpTitleFinder.HeadlineLike("• 乡村公路通到家门口"));
    }

    [Fact]
    public void Side_column_scraps_beside_prose_are_left_out_of_the_line()
    {
        string[] prose = ["今年春天，村里的水泥路修到了每家每户门口，村民出行方便", "·县里新开公交线"];
        Assert.Equal(prose[0], TextDumpParser.MainColumn(string.Join(' ', prose), prose));
        // Two columns of prose side by side are both kept; so is a dateline with the writer's name beside it.
        string[] both = ["今年春天，村里的水泥路修到了门口，村民出行方便", "县里新开了三条公交线路，乡亲们进城看病更方便"];
        Assert.Equal(string.Join(' ', both), TextDumpParser.MainColumn(string.Join(' ', both), both));
        string[] dated = ["Sunday, April 2nd, 2023 10:00 am, posted", "王小五"];
        Assert.Equal(string.Join(' ', dated), TextDumpParser.MainColumn(string.Join(' ', dated), dated));
    }

    [Fact]
    public void Cells_are_split_at_wide_gaps_and_rules_only()
    {
        Assert.Equal(["乡村公路 通到家门口", "热门排行"], TextDumpParser.SplitCells("乡村公路 通到家门口    热门排行"));
        Assert.Equal(["左栏", "右栏"], TextDumpParser.SplitCells("│左栏│右栏│"));
        Assert.Empty(TextDumpParser.SplitCells("  今年春天，村里的水泥路  修到了门口。"));
        // A list item's bullet set three spaces before its text belongs to the item.
        Assert.Equal(["* 工作动态", "乡村公路通到家门口"], TextDumpParser.SplitCells("*   工作动态    乡村公路通到家门口"));
        Assert.Empty(TextDumpParser.SplitCells("│    只有一格    │"));
    }
}

/// <summary>Bylines that text dumps print without a label.</summary>
public sealed class DumpBylineTests
{
    private const string Body = "今年春天，村里的水泥路修到了每家每户门口，村民出行方便了许多，孩子们上学也不再踩泥水了。\n\n村干部说，下一步还要在路边种上行道树，再装几盏路灯，让晚上回家的人心里更踏实。\n";

    private static ParsedArticle Parse(params string[] header) =>
        Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n', header) + "\n\n" + Body));

    [Fact]
    public void Name_between_table_rules_under_the_headline()
    {
        var article = Parse("│乡村公路通到家门口    │", "│    │", "│李四    │");
        Assert.Equal("李四", article.Author);
    }

    [Fact]
    public void User_name_beside_the_date_ignores_a_stray_letter()
    {
        var article = Parse("乡村公路通到家门口", "ж    walker2023    2023-4-2 10:00:00");
        Assert.Equal("walker2023", article.Author);
    }

    [Fact]
    public void Blog_date_line_above_the_headline_names_the_writer()
    {
        var article = Parse("● Sunday, April 2nd, 2023   10:00 am    ● 王小五", "", "乡村公路通到家门口    [avatar]");
        Assert.Equal("王小五", article.Author);
    }

    [Fact]
    public void Dated_cell_in_a_header_row_is_a_dateline()
    {
        var text = string.Join('\n', "首页 | 要闻 | 国内 | 国际 | 体育 | 财经 | 科技 | 汽车 | 房产 | 教育 | 旅游 | 健康    注册 | 登录 | 帮助 | 论坛    2023年4月2日(北京时间)", "", "乡村公路通到家门口    [avatar]", "", Body, "", "(2023-05-01 08:00:00)");
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal(new DateTimeOffset(2023, 4, 2, 0, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
    }

    [Fact]
    public void Paper_beside_a_date_is_a_source_not_a_writer()
    {
        var article = Parse("● Sunday, April 2nd, 2023   10:00 am    ● 县城日报", "", "乡村公路通到家门口    [avatar]", "", "发布时间:2023-04-02 10:00");
        Assert.Null(article.Author);
    }
}
