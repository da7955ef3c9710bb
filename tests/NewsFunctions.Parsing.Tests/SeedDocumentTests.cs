using NewsFunctions.Parsing;

namespace NewsFunctions.Parsing.Tests;

/// <summary>The seed document the service was specified from: every field it gives.</summary>
public sealed class SeedDocumentTests
{
    private static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "seeds", "000_81ac17763b65a3e7.txt");

    private static ParsedArticle ParseSeed()
    {
        var result = new DocumentParser().Parse(File.ReadAllBytes(SeedPath), Path.GetFileName(SeedPath));
        Assert.True(result.Succeeded, result.Failure?.Detail);
        return result.Article;
    }

    [Fact]
    public void Title_source_and_site()
    {
        var article = ParseSeed();
        Assert.Equal("周勤第调研人大工作", article.Title);
        Assert.Equal("常熟市人民政府", article.Source);
        Assert.Equal("投促中国", article.SiteName);
    }

    [Fact]
    public void Published_on_the_day_in_china_time()
    {
        var article = ParseSeed();
        Assert.Equal(new DateTimeOffset(2020, 9, 23, 0, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.False(article.HasPublishedTime);
    }

    [Fact]
    public void Category_path_from_the_breadcrumb()
    {
        Assert.Equal(["首页", "开发区新闻", "文字新闻"], ParseSeed().Categories);
    }

    [Fact]
    public void Body_is_the_seven_paragraphs_and_nothing_else()
    {
        var article = ParseSeed();
        Assert.Equal(7, article.Paragraphs.Count);
        Assert.StartsWith("9月22日,市委书记周勤第调研人大工作", article.Paragraphs[0]);
        Assert.Equal("市人大常委会副主任吴军、朱兴元参加调研。", article.Paragraphs[^1]);
        var body = article.Body;
        foreach (var furniture in new[] { "打造网上国际投资促进平台", "您现在的位置", "发布时间", "上一条", "下一条", "与我们联系", "联系电话", "Copyright", "ICP" })
            Assert.DoesNotContain(furniture, body);
    }

    [Fact]
    public void Previous_and_next_articles()
    {
        var article = ParseSeed();
        Assert.Equal("加速释放网络消费新动能 昆承湖互联网创新创业大会常熟举行", article.Previous?.Title);
        Assert.Equal("常福街道多措并举开展《江苏省促进政务服务便利化条例》宣贯活动", article.Next?.Title);
    }

    [Fact]
    public void Summary_and_character_count_come_from_the_body()
    {
        var article = ParseSeed();
        Assert.StartsWith("9月22日", article.Summary);
        Assert.InRange(article.Summary.Length, 20, 200);
        Assert.True(article.CharacterCount > 2000);
    }

    [Theory]
    [InlineData("发布时间：2020-09-23　来源：常熟市人民政府")]
    [InlineData("发布时间:2020-09-23 来源:常熟市人民政府")]
    [InlineData("发 布 时 间 : 2020年9月23日   来 源 ： 常熟市人民政府")]
    public void Labels_take_full_or_half_width_colons_and_spaced_labels(string metaLine)
    {
        var text = string.Join('\n', "您现在的位置:首页 > 新闻", "标题在这里", metaLine, "", "正文第一段。", "上一条:前一篇");
        var result = new DocumentParser().Parse(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.True(result.Succeeded, result.Failure?.Detail);
        Assert.Equal("标题在这里", result.Article.Title);
        Assert.Equal("常熟市人民政府", result.Article.Source);
        Assert.Equal(new DateOnly(2020, 9, 23), DateOnly.FromDateTime(result.Article.PublishedAt!.Value.DateTime));
        Assert.Equal(["正文第一段。"], result.Article.Paragraphs);
    }
}
