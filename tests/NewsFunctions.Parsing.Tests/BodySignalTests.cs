using System.Text;
using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Tests;

/// <summary>Where the body is, by signals that hold across sites: punctuation, links, repetition, post headers.</summary>
public sealed class BodySignalTests
{
    [Fact]
    public void Long_line_with_only_quotation_marks_is_a_list_not_prose()
    {
        var list = new Block("奖项介绍 青年科技奖 优秀论文奖 “山河杯”摄影大赛 “小小科学家”征文 优秀图书奖 优秀教师奖 科普先进集体 其他奖项 历届获奖名单 评审办法");
        Assert.True(BodyLocator.Score(list, BlockRole.Text) < 0);
        var sentence = new Block("他说：“这条路修好以后，孩子们上学再也不用绕远路了，我们心里踏实多了。”");
        Assert.True(BodyLocator.Score(sentence, BlockRole.Text) > 0);
    }

    private const string LongComment =
        "<div class=\"discuss\"><p>网友丙：我家附近的路也是今年修好的，以前一下雨就全是泥，孩子上学要穿雨靴，现在干干净净的，老人也愿意出门走走了。" +
        "希望其他地方也能早点修好，听说邻村还在等，大家都很着急，盼着施工队早点进村。我们这里的路灯也装上了，晚上出门再也不用打手电筒，真心感谢。</p></div>";

    [Theory]
    [InlineData("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1>")]
    [InlineData("乡村公路通到家门口", "<div class=\"art_title\">乡村公路通到家门口</div>")]
    [InlineData("乡村公路通到家门口啦", "<p><font size=\"5\"><b>乡村公路通到家门口啦</b></font></p>")]
    public void Short_article_under_its_headline_beats_a_long_comment_further_down(string title, string headline)
    {
        var article = InventedPages.Html(title + "_示例网",
            headline + "<p>2023-04-02 10:00 河畔晨报</p><p>分享到：微信 微博</p><p>本报讯 示例县最后一个自然村的水泥路昨天完工，全县实现村村通硬化路。</p>" +
            "<div class=\"ad\"><a href=\"/x\">更多精彩内容</a></div><div class=\"pic\"></div><p>相关专题</p><p>网友评论</p><p>热门评论</p>" +
            "<p>我要评论</p><p>网友评论仅供其表达个人看法</p><p>登录</p><p>注册</p>" + LongComment);
        Assert.Contains("最后一个自然村", article.Body);
        Assert.DoesNotContain("网友丙", article.Body);
    }

    [Theory]
    [InlineData("春雨", "<h1>春雨</h1>", "")]
    public void Short_headline_still_anchors_the_article(string headline, string top, string head)
    {
        // A poem under a two-letter heading, the first part of <title>.
        var article = InventedPages.Html(headline + "_原文_示例网", top + "<p>作者：王小五</p>" +
            "<p>夜来风雨急，</p><p>花落知多少。</p><p>春水绕村流，</p><p>新燕入旧巢。</p><p>柳色青如许，</p><p>归人在小桥。</p><p>不知明日事，</p><p>且饮一杯醪。</p>" +
            "<h3>译文及注释</h3><p><a href=\"/m\">更多</a></p><h3>赏析</h3><p><a href=\"/n\">更多</a></p><p>猜你喜欢：</p><p><a href=\"/x\">山行 春晓 登高 江雪</a></p><p><a href=\"/y\">秋思 夜泊 早行 晚归</a></p><p><a href=\"/z\">送别 怀古 咏梅 观潮</a></p><p>王小五（1900～1980），字晓风，示例县人，一生写诗三千余首，晚年隐居乡间，以田园诗著称，其诗语言平易，情感真挚，广为流传，至今仍为人传诵。</p>", head);
        Assert.Contains("花落知多少", article.Body);
        Assert.DoesNotContain("一生写诗", article.Body);
    }

    [Fact]
    public void A_banner_repeating_the_whole_title_is_not_the_anchor()
    {
        const string title = "乡村公路通到家门口_本地_示例网";
        var blocks = new List<Block> { new(title), new("首页 要闻 本地", 12), new("乡村公路通到家门口") { HeadingLevel = 1 }, new("2023-04-02 10:00") };
        var roles = Roles.Assign(blocks, default);
        var hints = new PageHints { DocumentTitle = title, HeadlineHints = [title] };
        Assert.Equal(2, HeadlineAnchor.Find(blocks, roles, hints)?.Index);
    }

    [Fact]
    public void Short_article_under_its_headline_beats_a_long_run_past_the_footer_notice()
    {
        var article = InventedPages.Html("乡村公路通到家门口_示例网",
            "<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00 河畔晨报</p><p>本报讯 示例县最后一个自然村的水泥路昨天完工，全县实现村村通硬化路。</p>" +
            "<p>特别声明：以上内容为用户上传并发布，本平台仅提供信息存储服务。</p>" +
            "<p>Notice: the content above is uploaded and posted by a user of this platform, which only provides the storage of information, " +
            "and it does not reflect the views of the platform in any way at all.</p>");
        Assert.Contains("最后一个自然村", article.Body);
        Assert.DoesNotContain("Notice", article.Body);
    }

    [Fact]
    public void Short_dump_article_under_its_labelled_dateline_beats_a_long_notice_past_the_footer()
    {
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n',
            "首页 > 本地 > 正文", "", "乡村公路通到家门口", "", "2023-04-02 10:00:31 来源: 河畔晨报", "", "分享至", "",
            "本报讯 示例县最后一个自然村的水泥路昨天完工,全县实现村村通硬化路。", "", "[pic]", "", "责任编辑:周文", "",
            "特别声明:以上内容为用户上传并发布,本平台仅提供信息存储服务。", "",
            "Notice: the content above is uploaded and posted by a user of this platform, which only provides the storage of information, " +
            "and it does not reflect the views of the platform in any way at all.")));
        Assert.Contains("最后一个自然村", article.Body);
        Assert.DoesNotContain("Notice", article.Body);
    }

    [Fact]
    public void Short_dump_article_under_a_dateline_with_its_time_beats_a_longer_teaser_past_a_related_heading()
    {
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n',
            "首页 > 本地 > 正文", "", "乡村公路通到家门口", "", "2023年4月2日 10:05 河畔晨报", "", "分享至", "",
            "本报讯 示例县最后一个自然村的水泥路昨天完工,全县实现村村通硬化路。", "", "责任编辑:周文", "",
            "0条评论|0人参与", "", "登录|注册", "", "表情", "", "相关新闻", "",
            "城区新增三处便民停车场", "", "市民反映,新停车场离菜市场和学校都很近,早晚接送孩子方便了许多,周末买菜也不用再绕着找车位了,希望以后多建一些。")));
        Assert.Contains("最后一个自然村", article.Body);
        Assert.DoesNotContain("便民停车场", article.Body);
    }

    [Fact]
    public void A_dateline_that_closes_a_post_does_not_send_the_body_below_it()
    {
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n',
            "我的博客首页", "", "读一本旧书的感受", "",
            "前几天在旧书摊上淘到一本老版的散文集，纸张已经发黄，但字里行间的温度一点没有减少。作者写故乡的河，写河边的柳树和早晨的雾，读来让人想起自己的童年。", "",
            "书里有一篇写母亲做饭的文章，我读了好几遍。那些细节写得很真，灶台上的烟，锅里的粥，还有母亲围裙上的补丁，都像在眼前一样。", "",
            "写在读完之后的话", "", "作者:读书人甲 阅读(120) 评论(2) 发表于:2005-07-31 12:30", "", "相关内容", "", "登录", "", "注册", "", "用户名", "", "扫一扫", "", "网友乙", "",
            "写得真好，我也喜欢这种旧书，每次在旧书摊上看到都会停下来翻一翻，总能找到一些有意思的东西，感谢分享。")));
        Assert.Contains("母亲围裙上的补丁", article.Body);
        Assert.DoesNotContain("感谢分享", article.Body);
    }

    [Fact]
    public void A_post_ends_at_its_writer_and_date_line()
    {
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n',
            "我的博客首页", "", "读一本旧书的感受", "",
            "前几天在旧书摊上淘到一本老版的散文集，纸张已经发黄，但字里行间的温度一点没有减少。作者写故乡的河，写河边的柳树和早晨的雾，读来让人想起自己的童年。", "",
            "书里有一篇写母亲做饭的文章，我读了好几遍。那些细节写得很真，灶台上的烟，锅里的粥，还有母亲围裙上的补丁，都像在眼前一样。", "",
            "作者:读书人甲 阅读(120) 评论(2) 发表于:2005-07-31 12:30", "", "网友乙", "",
            "写得真好，我也喜欢这种旧书，每次在旧书摊上看到都会停下来翻一翻，总能找到一些有意思的东西，感谢分享。")));
        Assert.Contains("母亲围裙上的补丁", article.Body);
        Assert.DoesNotContain("感谢分享", article.Body);
    }

    [Theory]
    [InlineData("<p>示例县新修的水泥路通到了村口</p>")]
    [InlineData("<p>示例县新修的水泥路通到了村口。</p>")]
    public void A_one_line_article_under_its_headline_is_still_an_article(string line)
    {
        // A picture story: headline, dateline, picture and one line, then the page's furniture.
        var article = InventedPages.Html("乡村公路通到家门口_示例网",
            "<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00</p><img src=\"/p.jpg\" width=\"600\" height=\"400\">" + line);
        Assert.Contains("水泥路通到了村口", article.Body);
    }

    [Fact]
    public void Forum_post_ends_at_its_header_when_the_next_post_scores_too_little_to_join_it()
    {
        var lines = new[]
        {
            "社区首页 > 读书 > 书评", "", "读一本旧书的感受", "",
            "前几天在旧书摊上淘到一本老版的散文集，纸张已经发黄，但字里行间的温度一点没有减少。作者写故乡的河，写河边的柳树和早晨的雾，读来让人想起自己的童年。",
            "", "书里有一篇写母亲做饭的文章，我读了好几遍。那些细节写得很真，灶台上的烟，锅里的粥，还有母亲围裙上的补丁，都像在眼前一样。", "",
            "文:读书人甲", "", "〓 读书版 发布时间 2006/03/14 20:05:17 by 读书人甲 〓", "", "← 返回", "",
            "这本书我也有，前几年在书店买的，一直放在书架上，今天看了你的文章又拿出来翻了翻，确实写得很好，尤其是写故乡的那几篇，每次读都有新的感受。", "", "Some lines of a song that someone posted here without any punctuation at all in them just words", "",
            "〓 读书版 发布时间 2006/03/15 09:31:52 by 路人乙 〓", "", "← 返回", "", "同感", "",
            "〓 读书版 发布时间 2005/05/19 08:00:00 by 路人丙 〓",
        };
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        Assert.Contains("母亲围裙上的补丁", article.Body);
        Assert.DoesNotContain("这本书我也有", article.Body);
        Assert.Equal("读书人甲", article.Author);
        Assert.Null(article.Source);
        Assert.Equal(new DateTimeOffset(2006, 3, 14, 20, 5, 17, TimeSpan.FromHours(8)), article.PublishedAt);
    }
}
