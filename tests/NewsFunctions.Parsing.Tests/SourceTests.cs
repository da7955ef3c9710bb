using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Tests;

/// <summary>The publishing organisation (source): labelled, or printed beside the date without a label.</summary>
public sealed class SourceTests
{
    [Fact]
    public void Publisher_printed_after_the_date_without_a_label()
    {
        var article = InventedPages.Html("乡村公路通到家门口_示例网", "<h1>乡村公路通到家门口</h1><div class=\"info\">2023-04-02 10:00 河畔晨报</div>" + InventedPages.Paragraphs);
        Assert.Equal("河畔晨报", article.Source);
    }

    [Fact]
    public void Publisher_printed_before_the_date_in_a_dump()
    {
        var article = InventedPages.Text("乡村公路通到家门口", "", "县融媒体中心 2023-04-02 10:00:31");
        Assert.Equal("县融媒体中心", article.Source);
    }

    [Fact]
    public void Publisher_with_a_work_word_and_a_counter_beside_the_date()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00 晨风观察[整理] 12</p>" + InventedPages.Paragraphs);
        Assert.Equal("晨风观察", article.Source);
    }

    [Fact]
    public void Row_of_fields_set_off_by_bars_without_colons()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>发表于2023-04-02 10:00| 872次阅读| 来源示例网| 0 条评论| 作者王小五</p>" + InventedPages.Paragraphs);
        Assert.Equal("示例网", article.Source);
        Assert.Equal("王小五", article.Author);
    }

    [Theory]
    [InlineData("示例通讯社", "示例通讯社")]
    [InlineData("学习目的", null)]
    public void Organisation_alone_under_the_headline(string line, string? expected)
    {
        var article = InventedPages.Html("乡村公路通到家门口", $"<h1>乡村公路通到家门口</h1><p>{line}</p><p>2023-04-02 10:00</p>" + InventedPages.Paragraphs);
        Assert.Equal(expected, article.Source);
    }

    [Fact]
    public void A_name_beside_the_date_is_the_author_not_the_source()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00 王小五</p>" + InventedPages.Paragraphs);
        Assert.Null(article.Source);
        Assert.Equal("王小五", article.Author);
    }

    [Fact]
    public void Government_cms_meta_names_the_publisher_and_the_channel()
    {
        var article = InventedPages.Html("工作动态--示例县人民政府",
            "<div>首页 - 工作动态</div><div class=\"art\"><h3>工作动态</h3><h5>示例县召开春季植树动员会</h5><p>2023-03-12</p>" + InventedPages.Paragraphs + "</div>",
            "<meta name=\"ContentSource\" content=\"示例县林业局\"><meta name=\"ColumnName\" content=\"工作动态\"><meta name=\"SiteName\" content=\"示例县人民政府\">");
        Assert.Equal("示例县林业局", article.Source);
        Assert.Equal("示例县召开春季植树动员会", article.Title);
    }

    [Theory]
    [InlineData("河畔晨报", true)]
    [InlineData("示例网", true)]
    [InlineData("县融媒体中心", true)]
    [InlineData("晨风观察", true)]
    [InlineData("示例财经-自媒体综合", true)]
    [InlineData("ABCD", true)]
    [InlineData("王小五", false)]
    [InlineData("欧阳小五", false)]
    [InlineData("关闭窗口", false)]
    [InlineData("财经", false)]
    [InlineData("来自示例自治区", false)]
    [InlineData("整理", false)]
    [InlineData("FAQ", false)]
    [InlineData("乡村公路通到家门口了吗", false)]
    public void Organisation_names(string word, bool expected) => Assert.Equal(expected, BylineFinder.IsOrganisation(word));

    [Fact]
    public void A_name_with_a_two_letter_surname_beside_the_date_is_the_writer_not_the_publisher()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00 欧阳小五</p>" + InventedPages.Paragraphs);
        Assert.Equal(("欧阳小五", (string?)null), (article.Author, article.Source));
    }

    [Fact]
    public void A_menu_of_bar_separated_words_that_begin_like_labels_is_no_row_of_fields()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>首页 | 记者之家 | 编辑推荐</p><p>2023-04-02 10:00</p>" + InventedPages.Paragraphs);
        Assert.Null(article.Author);
        Assert.Equal(new DateTimeOffset(2023, 4, 2, 10, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
    }
}
