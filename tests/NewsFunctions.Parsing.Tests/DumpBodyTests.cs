using System.Text;
using NewsFunctions.Parsing.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>Where the body of a text dump starts and ends: hand-written pages in w3m's layout.</summary>
public sealed class DumpBodyTests
{
    private static ParsedArticle Parse(params string[] lines) => Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

    [Fact]
    public void Numbered_points_with_details_between_them_stay_in_the_body()
    {
        var article = Parse("首页 | 旅游", "", "周末博物馆门票减半", "", "2024-05-10 09:00 来源:市文旅局", "",
            "本周末是全市博物馆开放日，下列场馆门票减半，市民可以带孩子去看看。详见：", "",
            "1、城市历史博物馆", "", "普通票原价:45元", "", "咨询电话:87650001", "",
            "2、自然科学馆", "", "普通票原价:65元", "", "学生票原价:35元", "", "咨询电话:87650002", "",
            "3、海洋馆", "", "普通票原价:135元", "", "咨询电话:87650003", "",
            "备注:减半优惠只限周六周日两天，节假日另有安排，请以场馆公告为准。", "",
            "热门排行", "1. 城区新增三处便民停车场", "2. 社区食堂受到老人欢迎", "3. 老旧小区加装电梯");
        Assert.Contains("3、海洋馆", article.Body);
        Assert.Contains("减半优惠只限周六周日两天", article.Body);
        Assert.DoesNotContain("便民停车场", article.Body);
    }

    [Theory]
    [InlineData("普通票原价:45元", true)]
    [InlineData("咨询电话：87650001", true)]
    [InlineData("新鲜好玩:石湖夜市探访小记", false)]
    [InlineData("来源: 示例社 2024", false)]
    public void Labelled_figure_rows(string line, bool expected) => Assert.Equal(expected, Extraction.BodyLocator.IsLabelValue(line));

    [Fact]
    public void Numbered_headlines_one_under_another_are_a_link_list()
    {
        var blocks = TextDumpParser.ToBlocks("1. 城区新增三处便民停车场\n2. 社区食堂受到老人欢迎\n\n正文第一段，讲了一件事。\n\n3、一个要点\n\n要点的说明，写在这里。", default);
        Assert.True(blocks[0].GuessedLink);
        Assert.True(blocks[1].GuessedLink);
        Assert.False(blocks[5].GuessedLink);
        Assert.Equal(0, blocks[5].LinkChars);
    }

    [Fact]
    public void Table_of_contents_without_sentences_is_read_as_its_plain_lines()
    {
        var article = Parse("• 首页", "• 期刊", "• 图书", "• 关于我们", "", "首页 > 期刊 > 学报 >", "", "目录", "",
            "城市更新中的社区治理研究", "", "王一", "", "数字经济与县域发展", "", "李二;赵三", "", "专题·乡村振兴", "",
            "乡镇图书室运营管理路径", "", "周四", "", "基层医疗卫生体系建设的经验", "", "孙五;钱六", "", "专题·生态文明", "",
            "流域生态补偿机制的比较", "", "吴七", "", "城市绿地规划与居民健康", "", "郑八;冯九", "", "• 2017年第4期", "• 2017年第3期", "• 2017年第2期", "",
            "版权所有 某某研究院");
        Assert.Contains("数字经济与县域发展", article.Body);
        Assert.Contains("专题·乡村振兴", article.Body);
        Assert.EndsWith("郑八;冯九", article.Body);
        Assert.DoesNotContain("2017年第3期", article.Body);
    }

    [Fact]
    public void Teasers_under_their_own_bylines_lose_to_a_one_paragraph_article()
    {
        var teaser = "市场人士认为，近期的波动主要来自海外利率预期的变化，短期内仍将延续，投资者宜保持耐心，控制仓位，关注基本面的改善。";
        var article = Parse("• 首页", "• 财经", "",
            "要闻 • 2023年6月12日", "", teaser, "", "要闻 • 2023年6月12日", "", "港股午后回升，科技股领涨，成交额较上日有所增加，北水继续流入。", "",
            "要闻 • 2023年6月11日", "", "人民币汇率小幅走强，美元指数回落，市场关注本周公布的通胀数据。", "", "要闻 • 2023年6月11日", "", "[photo]", "",
            "县城公交开通夜班线路", "", "县融媒体中心 2023年6月14日 08:21", "",
            "从下周一起，县城公交开通三条夜班线路，末班车延长到晚上十一点，方便下夜班的工人和晚归的市民回家。县交通局说，夜班车每半小时一班，票价不变。", "",
            "推荐阅读", "", "某某财经·8 小时前", "", "楼市新政落地首周观察", "",
            teaser + teaser + teaser + "开发商也在调整推盘节奏。", "", "© 2024 某某网");
        Assert.Equal("县城公交开通夜班线路", article.Title);
        Assert.Equal(new DateTimeOffset(2023, 6, 14, 8, 21, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.StartsWith("从下周一起", article.Body);
        Assert.DoesNotContain("楼市", article.Body);
        Assert.DoesNotContain("港股", article.Body);
        Assert.DoesNotContain("人民币", article.Body);
    }

    [Theory]
    [InlineData("某某财经·8 小时前", true)]
    [InlineData("Example · 4 hours ago", true)]
    [InlineData("新闻 • 昨日", true)]
    [InlineData("2023年6月14日 08:21", false)]
    public void Relative_times_mark_a_teaser_byline(string line, bool expected) =>
        Assert.Equal(expected, Extraction.FeedItems.EndsWithRelativeTime(line));

    [Fact]
    public void Post_headers_with_full_times_are_not_teaser_bylines()
    {
        // A blog front page: every post under a header with its full time; the posts are not teasers.
        var blocks = TextDumpParser.ToBlocks(string.Join('\n', "2007-06-21 02:31:55", "第一篇，很短。", "2007-06-18 03:47:12", "第二篇，也很短。",
            "2007-06-15 09:00:00", "第三篇。", "2007-06-12 10:00:00"), default);
        Assert.DoesNotContain(true, Extraction.FeedItems.Teasers(blocks));
    }

    [Fact]
    public void Blog_front_page_gives_its_first_post_even_when_a_later_one_is_longer()
    {
        var longer = string.Concat(Enumerable.Repeat("那天的雨下了一整夜，屋檐下的水声一直响到天亮，我们坐着聊了很久。", 10));
        var article = Parse("某某的博客", "", "镇上一个普通的教师,喜欢爬山    [文章目录]", "",
            "去石湖玩了一天 (图)    2007-06-21 02:31:55    [top]", "",
            "石湖在青石镇东南四十多公里的地方，是早年镇上人家打鱼晒网的地方，现在是周末特别热闹的露营湖滩。", "",
            "湖边的石桥都还在，渡船照开，卖莲蓬的老伯还在摆摊，我们在树下一直坐到太阳落山才走。", "",
            "回来的路上骑了一段山路，三十多公里的上坡，汗水从额头流下来，好累呀。", "",
            "由作者张贴 @ 2007-06-21 02:31:55 (412) 共 5 篇评论", "",
            "• 后天去山里了", "• 拜访一位老师", "• 雨季又来", "• 买哪把雨伞合适", "• 早上好", "• 闲逛书店", "• 周末杂记", "• 文章归档",
            "• 老师的来信", "• 秋夜里的桂花香", "• 山顶的云海", "• 湖边走走", "• 听雨的声音", "• 个人资料", "• 相册管理", "• 文章目录", "",
            "起风的晚上    2007-06-18 03:47:12    [top]", "", longer, "",
            "由作者张贴 @ 2007-06-18 03:47:12 (1583) 共 9 篇评论");
        Assert.Equal("去石湖玩了一天 (图)", article.Title);
        Assert.Equal(new DateTimeOffset(2007, 6, 21, 2, 31, 55, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.StartsWith("石湖在青石镇东南", article.Body);
        Assert.DoesNotContain("起风", article.Body);
    }

    [Fact]
    public void Repost_notice_ends_the_body_before_the_writer_profile()
    {
        var article = Parse("您在这里: 首页 › 文 › 湖村", "", "湖村", "", "作者:某某", "",
            "石桥连小巷，湖水绕青山。", "渔火归舟晚，炊烟出树间。", "老人門前坐，稚子岸边还。", "一夜风声起，满村灯未闲。", "",
            "这首诗写湖边的村，作者不去直说思乡，却句句透出思乡，读来平实亲切，是写乡村的小品，一向为人喜爱。", "",
            "转载请注明:原文链接 - https://www.example.cn/verse/7", "", "某某", "",
            "某某(1921~1990),字石舟,号湖村散人,生于青石镇,一生写了一千二百多首诗,被乡人称为湖翁,他的诗被称为村志。");
        Assert.EndsWith("一向为人喜爱。", article.Body);
        Assert.DoesNotContain("湖翁", article.Body);
    }

    [Theory]
    [InlineData("记者：今天请到镇上的老站长，你在水站干了三十年，你觉得镇上的人节水做得怎么样？", false)]
    [InlineData("记者:今天请到了镇水站的老站长,你在水站干了三十年,这条河的脾气你最清楚不过,能不能先说", false)]
    [InlineData("记者：张三 李四", true)]
    [InlineData("作者: 某某   来源: 某某网   发布日期: 8/23/2006 4:17:36 PM", true)]
    [InlineData("来源：示例网 作者：王五 发布时间：2024-05-01", true)]
    public void Interview_question_after_a_label_is_prose(string line, bool isMeta) =>
        Assert.Equal(isMeta, Extraction.Roles.IsMeta(new Extraction.Block(line)));

    [Fact]
    public void Sentence_tail_under_a_prose_line_drops_the_side_column_beside_it()
    {
        var blocks = TextDumpParser.ToBlocks("镇里对老街修缮的投入让商户们生意变好了,这笔钱花得很值,以后只会越来越多不会\n少。    青石镇上赏灯忙(组\n图)    的灯火", default);
        Assert.Equal("少。", blocks[1].Text);
    }

    [Fact]
    public void Question_in_a_profile_column_keeps_the_prose_beside_it()
    {
        // The left column is a user's profile: its cells are not the article's sentence tails.
        var blocks = TextDumpParser.ToBlocks("  级别:刚入门    湖水在流动中会带走热量,如果遇上冷风,就会把热量以雾的方式留在湖面上方\n  看我还发了啥?    大家都知道雾是会慢慢散的,却很少有人问雾从哪里来", default);
        Assert.Contains("大家都知道", blocks[1].Text);
    }

    [Fact]
    public void Related_articles_heading_ends_the_body_before_their_summaries()
    {
        var article = Parse("首页 | 经济", "", "县里的夜班公交开通了", "", "2024-05-10 07:35 | 来源:县融媒体中心", "",
            "从下周一起，县城公交开通三条夜班线路，末班车延长到晚上十一点，方便下夜班的工人和晚归的市民回家。", "",
            "县交通局说，夜班车每半小时一班，票价不变，老年卡和学生卡照常使用，沿途站点和白天的线路一样。", "",
            "推荐阅读", "", "全市物流园区扩建工程开工",
            "本报讯 全市物流园区扩建工程昨天开工，建成后可新增仓储面积十万平方米，带动上下游企业两百多家，创造就业岗位三千多个。", "",
            "• 首页", "• 联系我们");
        Assert.EndsWith("沿途站点和白天的线路一样。", article.Body);
        Assert.DoesNotContain("物流", article.Body);
    }

    [Theory]
    [InlineData("推荐阅读", true)]
    [InlineData("【相关报道】", true)]
    [InlineData("相关链接:", true)]
    [InlineData("推荐", true)]
    [InlineData("推荐阅读:青石镇水务站9月1日起分片检修供水管网", true)]
    [InlineData("推荐这本书", false)]
    [InlineData("推荐阅读这本书的理由有三个", false)]
    public void Related_headings(string line, bool expected) => Assert.Equal(expected, Extraction.Boilerplate.IsRelatedHeading(new Extraction.Block(line)));

    [Fact]
    public void Teaser_stamp_in_the_body_does_not_replace_the_labelled_dateline()
    {
        var later = string.Concat(Enumerable.Repeat("这段转来的文字很长，讲的是另一件事，和上面的消息没有关系，但它比上面的正文长得多。", 8));
        var article = Parse("您现在的位置:首页 > 要闻 > 图片新闻", "城区新增三处便民停车场", "发布时间:2019-05-20    来源:市交通局", "",
            "  城区新增三处便民停车场，共有车位六百个，下月起试运行，前两个小时免费。",
            "  ·县里开通三条夜班公交线路(2008-07-02 15:26PM)    开一家小店",
            "  ·社区食堂受到老人欢迎(2008-07-01 13:48PM)    致富好门路",
            "  [04]    [要闻] 某地举办农民运动会    社区推荐", "  [生活] 某某专栏文章(图)    散文 - 随笔",
            "  [社会] 某某新闻标题(附图)    回忆 - 往事", "  [闲谈] 某某话题讨论(图)    故事 - 传说",
            "  " + later,
            "上一条:城区新增三处便民停车场", "Copyright © 2024 某某网 版权所有");
        Assert.Equal("城区新增三处便民停车场", article.Title);
        Assert.Equal(new DateTimeOffset(2019, 5, 20, 0, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal("市交通局", article.Source);
    }

    [Fact]
    public void Parenthesised_comment_stamps_do_not_cut_the_body_as_post_headers()
    {
        var article = Parse("某某的博客", "", "湖边夜跑渐成风气", "2008-11-01 10:00", "",
            "每到傍晚湖边就热闹起来，有人结伴沿着湖岸慢跑也有人独自快步走，还有人带孩子在湖边骑车。",
            "(2008-11-24 04:52:16)",
            "一入秋，夜跑成了继广场舞之后镇上的热门活动，据镇文化站说，已有上百人在湖边跑。",
            "(2008-11-05 22:41:37)",
            "不过，湖边的路灯数量还不够多，目前照亮的地段主要在石桥附近，别处都还比较暗。", "",
            "© 2006 某某博客");
        Assert.EndsWith("别处都还比较暗。", article.Body);
    }

    [Fact]
    public void Left_column_scrap_before_a_line_of_prose_is_cut_off()
    {
        var blocks = TextDumpParser.ToBlocks("  级别:刚入门    湖水在流动中会带走热量,如果遇上冷风,就会把热量以雾的方式留在湖面上方\n作者    简介    菜单    正文很短", default);
        Assert.Equal("湖水在流动中会带走热量,如果遇上冷风,就会把热量以雾的方式留在湖面上方", blocks[0].Text);
        Assert.Equal("作者 简介 菜单 正文很短", blocks[1].Text);
    }

    [Theory]
    [InlineData("“特别声明:以上文章内容(包括其中的照片、视频或录音)由示例平台的作者提供并发布,本平台仅提供信息存储空间服务。", true)]
    [InlineData("【免责声明】本文仅代表作者本人观点，与本网站无关，本网站对文中陈述、观点判断保持中立，不对所包含内容的准确性、可靠性或完整性提供任何明示或暗示的保证。", true)]
    [InlineData("水务局负责人表示，局里注意到有关单位发表的特别声明，将根据调查结果作出回应。", false)]
    public void Labelled_disclaimer_is_a_footer_however_long(string line, bool expected) =>
        Assert.Equal(expected, Extraction.Boilerplate.IsFooter(new Extraction.Block(line)));

    [Fact]
    public void Related_link_with_its_heading_on_one_line_ends_the_body()
    {
        var article = Parse("县里的夜班公交开通了", "",
            "从下周一起，县城公交开通三条夜班线路，末班车延长到晚上十一点，方便下夜班的工人和晚归的市民回家。", "",
            "县交通局说，夜班车每半小时一班，票价不变，老年卡和学生卡照常使用。", "",
            "推荐阅读:青石镇水务站:9月1日起,分片检修供水管网");
        Assert.EndsWith("学生卡照常使用。", article.Body);
    }

    [Fact]
    public void Box_bullets_mark_side_column_links()
    {
        var blocks = TextDumpParser.ToBlocks("□ April 2008\n□ 为什么显示这个广告?", default);
        Assert.All(blocks, b => Assert.True(b.LinkDensity > 0.5));
    }

    [Fact]
    public void Official_notice_keeps_its_issuer_and_date_under_the_last_paragraph()
    {
        var article = Parse("某某县人民政府关于夜班公交开通的通告", "", "发布日期: 2023-03-16", "",
            "为方便群众夜间出行，经研究决定，自二月一日起开通三条夜班公交线路，末班车延长到晚上十一点，现将有关事项通告如下。", "",
            "请沿线单位和群众相互转告，遵守乘车秩序。特此通告。", "", "某某县人民政府", "2023年3月15日", "", "扫一扫在手机打开当前页");
        Assert.Equal(["某某县人民政府", "2023年3月15日"], article.Paragraphs.TakeLast(2));
    }
}
