using System.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>A full-page text dump (menus, lists and footer left in), as w3m writes it.</summary>
public sealed class GoldenTextTests
{
    private static ParsedArticle Dump() => Fixtures.Parse(Fixtures.Bytes("dump-full-page.txt", "utf-8"), "page.html");

    [Fact]
    public void Text_is_recognised_from_content_whatever_the_file_name()
    {
        Assert.Equal(DocumentFormat.Text, new DocumentParser().Parse(Fixtures.Bytes("dump-full-page.txt", "utf-8"), "page.html").Format);
    }

    [Fact]
    public void Headline_date_source_and_closing_byline()
    {
        var article = Dump();
        Assert.Equal("老旧小区加装电梯工作全面提速", article.Title);
        Assert.Equal(new DateTimeOffset(2021, 5, 6, 14, 20, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal("城市晚报", article.Source);
        Assert.Equal("赵一鸣", article.Author);
    }

    [Fact]
    public void Body_without_menus_rankings_and_footer()
    {
        var article = Dump();
        Assert.Equal(4, article.Paragraphs.Count);
        Assert.StartsWith("今年以来", article.Paragraphs[0]);
        foreach (var furniture in new[] { "要闻", "热门排行", "全市中考", "上一篇", "Copyright", "阅读" })
            Assert.DoesNotContain(furniture, article.Body);
    }

    [Fact]
    public void Breadcrumb_and_previous_next_titles()
    {
        var article = Dump();
        Assert.Equal(["首页", "社会", "民生"], article.Categories);
        Assert.Equal("城区新增三处便民停车场", article.Previous?.Title);
        Assert.Equal("社区食堂受到老人欢迎", article.Next?.Title);
        Assert.Equal("https://www.example.cn/news/2021/0506/88.html", article.CanonicalUrl);
    }

    [Fact]
    public void Gbk_text_dump_is_detected()
    {
        var article = Fixtures.Parse(Encoding.GetEncoding("gb18030").GetBytes(Fixtures.Text("dump-full-page.txt")));
        Assert.Equal("老旧小区加装电梯工作全面提速", article.Title);
    }

    [Theory]
    [InlineData("文/孙小雨", "孙小雨")]
    [InlineData("本报记者 钱大江 通讯员 李明", "钱大江")]
    [InlineData("作者：周一 吴二", "周一 吴二")]
    public void Credits_under_the_headline(string credit, string author)
    {
        var text = string.Join('\n', "首页 | 新闻", "", "乡村公路通到家门口", "2023-04-02 10:00", credit, "",
            "今年春天，村里的水泥路修到了每家每户门口，村民出行方便了许多。", "", "村干部说，下一步还要在路边种上行道树。");
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal("乡村公路通到家门口", article.Title);
        Assert.Equal(author, article.Author);
    }

    [Fact]
    public void Markdown_headline()
    {
        var markdown = "# 湖区候鸟数量明显增加\n\n2024-01-08\n\n今冬以来，湖区越冬候鸟数量明显增加，观测人员已记录到四十多种水鸟。\n\n保护区工作人员每天巡护，劝阻游客不要靠近鸟群。\n";
        var article = Fixtures.Parse(Encoding.UTF8.GetBytes(markdown));
        Assert.Equal("湖区候鸟数量明显增加", article.Title);
        Assert.Equal(new DateTimeOffset(2024, 1, 8, 0, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal(2, article.Paragraphs.Count);
    }
}

/// <summary>A dump whose dateline sits far above the body, with a block of link lists in between.</summary>
public sealed class DistantDatelineTests
{
    [Fact]
    public void Source_on_the_dateline_is_read_even_when_the_body_starts_far_below()
    {
        var text = new StringBuilder()
            .Append("您现在的位置:首页 > 要闻 > 本地新闻\n")
            .Append("河畔公园新建步道本周开放\n")
            .Append("发布时间:2023-09-14    来源:河畔区融媒体中心\n\n");
        for (var i = 0; i < 30; i++)
            text.Append("  ·相关链接第").Append(i).Append("条    热门专题第").Append(i).Append("期\n");
        for (var i = 0; i < 4; i++)
            text.Append("  河畔公园沿河新建的步道全长三公里,设有休息亭和照明设施,市民可以在傍晚沿河散步。管理处表示,步道每天六点到二十二点开放,欢迎大家前来游览。\n");

        var article = new DocumentParser().Parse(Encoding.UTF8.GetBytes(text.ToString()), "walk.txt").Article;

        Assert.NotNull(article);
        Assert.StartsWith("河畔公园沿河新建的步道", article.Paragraphs[0]);
        Assert.Equal("河畔区融媒体中心", article.Source);
    }
}
