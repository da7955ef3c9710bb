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
            "1、城市历史博物馆", "", "成人票原价:40元", "", "咨询电话:12345678", "",
            "2、自然科学馆", "", "成人票原价:60元", "", "儿童票原价:30元", "", "咨询电话:23456789", "",
            "3、海洋馆", "", "成人票原价:120元", "", "咨询电话:34567890", "",
            "备注:减半优惠只限周六周日两天，节假日另有安排，请以场馆公告为准。", "",
            "热门排行", "1. 城区新增三处便民停车场", "2. 社区食堂受到老人欢迎", "3. 老旧小区加装电梯");
        Assert.Contains("3、海洋馆", article.Body);
        Assert.Contains("减半优惠只限周六周日两天", article.Body);
        Assert.DoesNotContain("便民停车场", article.Body);
    }

    [Theory]
    [InlineData("成人票原价:40元", true)]
    [InlineData("咨询电话：12345678", true)]
    [InlineData("新颖有趣:地图搜索应用体验", false)]
    [InlineData("来源: 新华社 2024", false)]
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
            "乡村公共文化服务的路径", "", "周四", "", "基层医疗卫生体系建设的经验", "", "孙五;钱六", "", "专题·生态文明", "",
            "流域生态补偿机制的比较", "", "吴七", "", "城市绿地规划与居民健康", "", "郑八;冯九", "", "• 2022年第4期", "• 2022年第3期", "• 2022年第2期", "",
            "版权所有 某某研究院");
        Assert.Contains("数字经济与县域发展", article.Body);
        Assert.Contains("专题·乡村振兴", article.Body);
        Assert.EndsWith("郑八;冯九", article.Body);
        Assert.DoesNotContain("2022年第3期", article.Body);
    }

    [Fact]
    public void Teasers_under_their_own_bylines_lose_to_a_one_paragraph_article()
    {
        var teaser = "市场人士认为，近期的波动主要来自海外利率预期的变化，短期内仍将延续，投资者宜保持耐心，控制仓位，关注基本面的改善。";
        var article = Parse("• 首页", "• 财经", "",
            "要闻 • 2024年5月20日", "", teaser, "", "要闻 • 2024年5月20日", "", "港股午后回升，科技股领涨，成交额较上日有所增加，北水继续流入。", "",
            "要闻 • 2024年5月19日", "", "人民币汇率小幅走强，美元指数回落，市场关注本周公布的通胀数据。", "", "要闻 • 2024年5月19日", "", "[photo]", "",
            "县城公交开通夜班线路", "", "县融媒体中心 2024年5月22日 08:21", "",
            "从下周一起，县城公交开通三条夜班线路，末班车延长到晚上十一点，方便下夜班的工人和晚归的市民回家。县交通局说，夜班车每半小时一班，票价不变。", "",
            "推荐阅读", "", "某某财经·8 小时前", "", "楼市新政落地首周观察", "",
            teaser + teaser + teaser + "开发商也在调整推盘节奏。", "", "© 2024 某某网");
        Assert.Equal("县城公交开通夜班线路", article.Title);
        Assert.Equal(new DateTimeOffset(2024, 5, 22, 8, 21, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.StartsWith("从下周一起", article.Body);
        Assert.DoesNotContain("楼市", article.Body);
        Assert.DoesNotContain("港股", article.Body);
        Assert.DoesNotContain("人民币", article.Body);
    }

    [Theory]
    [InlineData("某某财经·8 小时前", true)]
    [InlineData("Reuters · 3 hours ago", true)]
    [InlineData("新闻 • 昨日", true)]
    [InlineData("2024年5月22日 08:21", false)]
    public void Relative_times_mark_a_teaser_byline(string line, bool expected) =>
        Assert.Equal(expected, Extraction.FeedItems.EndsWithRelativeTime(line));

    [Fact]
    public void Post_headers_with_full_times_are_not_teaser_bylines()
    {
        // A blog front page: every post under a header with its full time; the posts are not teasers.
        var blocks = TextDumpParser.ToBlocks(string.Join('\n', "2005-03-21 01:20:44", "第一篇，很短。", "2005-03-18 01:58:01", "第二篇，也很短。",
            "2005-03-15 09:00:00", "第三篇。", "2005-03-12 10:00:00"), default);
        Assert.DoesNotContain(true, Extraction.FeedItems.Teasers(blocks));
    }

    [Fact]
    public void Blog_front_page_gives_its_first_post_even_when_a_later_one_is_longer()
    {
        var longer = string.Concat(Enumerable.Repeat("那天的雨下了一整夜，屋檐下的水声一直响到天亮，我们坐着聊了很久。", 10));
        var article = Parse("某某的博客", "", "我是一个简单的女生,喜欢大海    [博客目录]", "",
            "去金矿玩了一天 (图)    2005-03-21 01:20:44    [top]", "",
            "金矿在城市西北一百多公里的地方，是当年发现第一块天然黄金的地方，现在是很受游客欢迎的观光小城。", "",
            "小城里的老房子都还在，马车照跑，卖糖的小女孩还在吆喝，让人觉得时光倒流了一百多年。", "",
            "回来的路上开了一段高速，一百一十公里的时速，风从车窗吹进来，好爽呀。", "",
            "由作者张贴 @ 2005-03-21 01:20:44 (359) 共 3 篇评论", "",
            "• 明天出远门了", "• 看望一个朋友", "• 上班真忙", "• 剪哪个短发好看", "• 谢谢你", "• 混在论坛", "• 周末胡说", "• 档案保存",
            "• 朋友的祝福", "• 冬天里也有阳光", "• 天边的星星", "• 海边走走", "• 听海的声音", "• 个人资料", "• 照片管理", "• 博客目录", "",
            "下雨的晚上    2005-03-18 01:58:01    [top]", "", longer, "",
            "由作者张贴 @ 2005-03-18 01:58:01 (1666) 共 7 篇评论");
        Assert.Equal("去金矿玩了一天 (图)", article.Title);
        Assert.Equal(new DateTimeOffset(2005, 3, 21, 1, 20, 44, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.StartsWith("金矿在城市西北", article.Body);
        Assert.DoesNotContain("下雨", article.Body);
    }

    [Fact]
    public void Repost_notice_ends_the_body_before_the_writer_profile()
    {
        var article = Parse("您在这里: 首页 › 诗 › 春雨", "", "春雨", "", "作者:某某", "",
            "好雨知时节，当春乃发生。", "随风潜入夜，润物细无声。", "野径云俱黑，江船火独明。", "晓看红湿处，花重锦官城。", "",
            "这首诗写春夜的雨，诗人没有直接写喜悦，却处处透出喜悦，读来清新自然，是写雨的名篇，历来为人称道。", "",
            "转载请注明:原文链接 - https://www.example.cn/poems/1", "", "某某", "",
            "某某(712~770),字子美,自号少陵野老,生于河南巩县,一生写了一千四百多首诗,被后人称为诗圣,他的诗被称为诗史。");
        Assert.EndsWith("历来为人称道。", article.Body);
        Assert.DoesNotContain("诗圣", article.Body);
    }

    [Theory]
    [InlineData("记者：首先欢迎你来接受采访，你是农机方面的专家，请问你怎样看待农业补贴的问题？", false)]
    [InlineData("记者:首先欢迎你来接受我们的采访,你是农机行业的专家,想必对农业也非常熟悉了,请问你怎样", false)]
    [InlineData("记者：张三 李四", true)]
    [InlineData("作者: 某某   来源: 某某网   发布日期: 9/17/2004 5:54:13 AM", true)]
    [InlineData("来源：新华网 作者：王五 发布时间：2024-05-01", true)]
    public void Interview_question_after_a_label_is_prose(string line, bool isMeta) =>
        Assert.Equal(isMeta, Extraction.Roles.IsMeta(new Extraction.Block(line)));

    [Fact]
    public void Sentence_tail_under_a_prose_line_drops_the_side_column_beside_it()
    {
        var blocks = TextDumpParser.ToBlocks("国家财政对粮食生产的投入使农民增产增收,这个投入是值得的,投入只能增加不能减\n少。    太阳岛上造雪忙(组\n图)    的余晖", default);
        Assert.Equal("少。", blocks[1].Text);
    }

    [Fact]
    public void Question_in_a_profile_column_keeps_the_prose_beside_it()
    {
        // The left column is a user's profile: its cells are not the article's sentence tails.
        var blocks = TextDumpParser.ToBlocks("  级别:入学了    物质在运动中会具备能量,如果发生碰撞,就会把能量以力的方式施加于另一方\n  看我还写了啥?    我们都知道力是可以传递的,但却不知道力是从哪里来", default);
        Assert.Contains("我们都知道", blocks[1].Text);
    }

    [Fact]
    public void Related_articles_heading_ends_the_body_before_their_summaries()
    {
        var article = Parse("首页 | 经济", "", "县里的夜班公交开通了", "", "2024-05-10 06:58 | 来源:县融媒体中心", "",
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
    [InlineData("推荐阅读:县交警8月1日起专项整治电动车违法行为", true)]
    [InlineData("推荐这本书", false)]
    [InlineData("推荐阅读这本书的理由有三个", false)]
    public void Related_headings(string line, bool expected) => Assert.Equal(expected, Extraction.Boilerplate.IsRelatedHeading(new Extraction.Block(line)));

    [Fact]
    public void Teaser_stamp_in_the_body_does_not_replace_the_labelled_dateline()
    {
        var later = string.Concat(Enumerable.Repeat("这段转来的文字很长，讲的是另一件事，和上面的消息没有关系，但它比上面的正文长得多。", 8));
        var article = Parse("您现在的位置:首页 > 要闻 > 图片新闻", "城区新增三处便民停车场", "发布时间:2019-05-20    来源:市交通局", "",
            "  城区新增三处便民停车场，共有车位六百个，下月起试运行，前两个小时免费。",
            "  ·县里开通三条夜班公交线路(2005-04-01 16:19PM)    开一家小店",
            "  ·社区食堂受到老人欢迎(2005-03-31 14:33PM)    赚钱好项目",
            "  [03]    [头条] 某地举办农民运动会    论坛推荐", "  [情感] 某某专栏文章(图)    中年 - 随笔",
            "  [百态] 某某新闻标题(附图)    原创 - 往事", "  [网聊] 某某话题讨论(图)    灵异 - 故事",
            "  " + later,
            "上一条:城区新增三处便民停车场", "Copyright © 2024 某某网 版权所有");
        Assert.Equal("城区新增三处便民停车场", article.Title);
        Assert.Equal(new DateTimeOffset(2019, 5, 20, 0, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal("市交通局", article.Source);
    }

    [Fact]
    public void Parenthesised_comment_stamps_do_not_cut_the_body_as_post_headers()
    {
        var article = Parse("某某的博客", "", "播客热潮迅速蔓延", "2006-12-01 10:00", "",
            "每个人都可以当主持人，任何人都可以通过软件免费下载播客提供的节目，订阅自己喜欢的内容。",
            "(2006-12-24 03:45:27)",
            "一夜间，播客成了继博客之后网络上的热门话题，据最新统计，已有很多人在使用播客。",
            "(2006-12-04 23:38:25)",
            "首先，播客的节目内容还不够丰富，目前提供的节目主要以音乐为主，更新也比较慢。", "",
            "© 2006 某某博客");
        Assert.EndsWith("更新也比较慢。", article.Body);
    }

    [Fact]
    public void Left_column_scrap_before_a_line_of_prose_is_cut_off()
    {
        var blocks = TextDumpParser.ToBlocks("  级别:入学了    物质在运动中会具备能量,如果发生碰撞,就会把能量以力的方式施加于另一方\n作者    简介    菜单    正文很短", default);
        Assert.Equal("物质在运动中会具备能量,如果发生碰撞,就会把能量以力的方式施加于另一方", blocks[0].Text);
        Assert.Equal("作者 简介 菜单 正文很短", blocks[1].Text);
    }

    [Theory]
    [InlineData("“特别声明:以上作品内容(包括在内的视频、图片或音频)为自媒体平台用户上传并发布,本平台仅提供信息存储空间服务。", true)]
    [InlineData("【免责声明】本文仅代表作者本人观点，与本网站无关，本网站对文中陈述、观点判断保持中立，不对所包含内容的准确性、可靠性或完整性提供任何明示或暗示的保证。", true)]
    [InlineData("外交部发言人表示，中方注意到有关国家发表的特别声明，将根据事态发展作出回应。", false)]
    public void Labelled_disclaimer_is_a_footer_however_long(string line, bool expected) =>
        Assert.Equal(expected, Extraction.Boilerplate.IsFooter(new Extraction.Block(line)));

    [Fact]
    public void Related_link_with_its_heading_on_one_line_ends_the_body()
    {
        var article = Parse("县里的夜班公交开通了", "",
            "从下周一起，县城公交开通三条夜班线路，末班车延长到晚上十一点，方便下夜班的工人和晚归的市民回家。", "",
            "县交通局说，夜班车每半小时一班，票价不变，老年卡和学生卡照常使用。", "",
            "推荐阅读:县交警:8月1日起,专项整治电动车违法行为");
        Assert.EndsWith("学生卡照常使用。", article.Body);
    }

    [Fact]
    public void Box_bullets_mark_side_column_links()
    {
        var blocks = TextDumpParser.ToBlocks("□ March 2006\n□ 为什么显示这个广告?", default);
        Assert.All(blocks, b => Assert.True(b.LinkDensity > 0.5));
    }

    [Fact]
    public void Official_notice_keeps_its_issuer_and_date_under_the_last_paragraph()
    {
        var article = Parse("某某县人民政府关于夜班公交开通的通告", "", "发布日期: 2022-01-28", "",
            "为方便群众夜间出行，经研究决定，自二月一日起开通三条夜班公交线路，末班车延长到晚上十一点，现将有关事项通告如下。", "",
            "请沿线单位和群众相互转告，遵守乘车秩序。特此通告。", "", "某某县人民政府", "2022年1月27日", "", "扫一扫在手机打开当前页");
        Assert.Equal(["某某县人民政府", "2022年1月27日"], article.Paragraphs.TakeLast(2));
    }
}
