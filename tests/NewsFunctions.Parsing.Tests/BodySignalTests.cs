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

    [Fact]
    public void Forum_post_ends_at_its_header_when_the_next_post_scores_too_little_to_join_it()
    {
        var lines = new[]
        {
            "社区首页 > 读书 > 书评", "", "读一本旧书的感受", "",
            "前几天在旧书摊上淘到一本老版的散文集，纸张已经发黄，但字里行间的温度一点没有减少。作者写故乡的河，写河边的柳树和早晨的雾，读来让人想起自己的童年。",
            "", "书里有一篇写母亲做饭的文章，我读了好几遍。那些细节写得很真，灶台上的烟，锅里的粥，还有母亲围裙上的补丁，都像在眼前一样。", "",
            "文:读书人甲", "", "〓 读书版 发布时间 2005/05/17 22:11:42 by 读书人甲 〓", "", "← 返回", "",
            "这本书我也有，前几年在书店买的，一直放在书架上，今天看了你的文章又拿出来翻了翻，确实写得很好，尤其是写故乡的那几篇，每次读都有新的感受。", "", "Some lines of a song that someone posted here without any punctuation at all in them just words", "",
            "〓 读书版 发布时间 2005/05/18 13:45:40 by 路人乙 〓", "", "← 返回", "", "同感", "",
            "〓 读书版 发布时间 2005/05/19 08:00:00 by 路人丙 〓",
        };
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        Assert.Contains("母亲围裙上的补丁", article.Body);
        Assert.DoesNotContain("这本书我也有", article.Body);
        Assert.Equal("读书人甲", article.Author);
        Assert.Null(article.Source);
        Assert.Equal(new DateTimeOffset(2005, 5, 17, 22, 11, 42, TimeSpan.FromHours(8)), article.PublishedAt);
    }
}
