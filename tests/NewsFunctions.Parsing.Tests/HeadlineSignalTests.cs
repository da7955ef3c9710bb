using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Tests;

/// <summary>Headlines where the document title names only the channel or site, and the shapes around them.</summary>
public sealed class HeadlineSignalTests
{
    [Fact]
    public void Heading_above_the_dateline_when_the_title_names_only_the_channel()
    {
        // <title> is "channel--site"; the channel is printed in a home-page trail, the headline in a small heading that
        // ends like a sentence, so the body run starts with it and its dateline.
        const string headline = "示例县2023年春季义务植树动员会在县林业局会议室顺利召开！";
        var article = InventedPages.Html("工作动态--示例县林业局",
            $"<h3>首页 - 工作动态</h3><h5>{headline}</h5><p>发布时间：2023-03-12 来源：示例县林业局</p>" + InventedPages.Paragraphs);
        Assert.Equal(headline, article.Title);
        Assert.Equal(["首页", "工作动态"], article.Categories);
        Assert.DoesNotContain("植树动员会", article.Paragraphs[0]);
    }

    [Fact]
    public void Line_above_the_dateline_beats_the_site_name_in_a_banner_heading()
    {
        // Both are parts of <title>; the site's banner is a heading, the headline a plain line above the dateline.
        var article = InventedPages.Html("乡村公路通到家门口_示例网新闻中心",
            "<h1>示例网新闻中心</h1><div>乡村公路通到家门口</div><p>2023-04-02 10:00 来源：河畔晨报</p>" + InventedPages.Paragraphs);
        Assert.Equal("乡村公路通到家门口", article.Title);
    }

    [Theory]
    [InlineData("乡村公路通到家门口了（一线观察·身边事）", "乡村公路通到家门口了")]
    [InlineData("乡村公路通到家门口(图)", "乡村公路通到家门口(图)")]
    [InlineData("乡村公路通到家门口（2023年版）", "乡村公路通到家门口（2023年版）")]
    [InlineData("County road reaches every door (Updated)", "County road reaches every door (Updated)")]
    [InlineData("全县乡村公路建设推进会召开（第二次会议）", "全县乡村公路建设推进会召开（第二次会议）")]
    [InlineData("乡村公路通到家门口了（一线观察·身边事）（组图）", "乡村公路通到家门口了（一线观察·身边事）（组图）")]
    [InlineData("河畔晨报评论员：让每一条乡村路都通到家门口", "让每一条乡村路都通到家门口")]
    [InlineData("县长王小五：让每一条乡村路都通到家门口", "县长王小五：让每一条乡村路都通到家门口")]
    public void Column_tags_and_commentator_labels_are_not_the_headline(string title, string expected) =>
        Assert.Equal(expected, TitleFinder.WithoutLabels(title));

    [Fact]
    public void Html_headline_loses_its_column_tag()
    {
        var article = InventedPages.Html("乡村公路通到家门口了（一线观察·身边事）_示例网",
            "<h1>乡村公路通到家门口了（一线观察·身边事）</h1><p>2023-04-02 10:00</p>" + InventedPages.Paragraphs);
        Assert.Equal("乡村公路通到家门口了", article.Title);
    }

    [Fact]
    public void Blog_post_title_linked_with_its_category_above_the_poster_and_date()
    {
        // <title> names the blog; the side column's counters and a labelled blog name sit above the post.
        var article = InventedPages.Html("Example blog--山间小路",
            "<div class=\"info\"><p>Blog名:山间小路</p><p>日志:318</p><p>访问:87245</p><p>建立于:2005年2月11日</p></div>" +
            "<p><a href=\"/c/1\">[乡土文化]</a><a href=\"/p/2\">读一本旧书的感受</a></p><p>walker2005 发表于 2005-9-15 11:46:00</p>" + InventedPages.Paragraphs);
        Assert.Equal("读一本旧书的感受", article.Title);
        Assert.Equal("walker2005", article.Author);
    }

    [Fact]
    public void Numbered_section_heading_inside_the_body_is_not_the_headline()
    {
        // <title> names only the site; the document's first section heading is the page's only h2.
        var article = InventedPages.Html("示例县人民政府",
            "<div class=\"bt\">示例县2023年乡村道路建设情况通报</div><p>2023-04-02</p><h2>一、基本情况</h2>" + InventedPages.Paragraphs);
        Assert.Equal("示例县2023年乡村道路建设情况通报", article.Title);
    }

    [Theory]
    [InlineData("一、基本情况", true)]
    [InlineData("（二）主要做法", true)]
    [InlineData("3. 下一步打算", true)]
    [InlineData("第二章 山路", false)]
    [InlineData("2023年乡村道路建设", false)]
    public void Section_numbers(string text, bool expected) => Assert.Equal(expected, TitleFinder.IsSectionNumber(text));

    [Theory]
    [InlineData("首页 - 工作动态", true)]
    [InlineData("首页 > 通知公告", true)]
    [InlineData("首页", false)]
    [InlineData("首页新闻", false)]
    public void A_trail_from_the_home_page_needs_one_step(string text, bool expected) =>
        Assert.Equal(expected, Roles.IsBreadcrumb(new Block(text)));
}
