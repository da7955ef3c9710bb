namespace NewsFunctions.Parsing.Tests;

/// <summary>Writers credited in the shapes pages use besides "作者：": no colon, after the names, in English, beside the date.</summary>
public sealed class BylineSignalTests
{
    private static ParsedArticle WithLine(string line) =>
        InventedPages.Html("乡村公路通到家门口", $"<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00</p><p>{line}</p>" + InventedPages.Paragraphs);

    [Theory]
    [InlineData("作者 张小五")]
    [InlineData("《晨风周刊》作者 张小五")]
    [InlineData("晨风周刊作者张小五")]
    [InlineData("张小五/文")]
    [InlineData("张小五 文")]
    [InlineData("作者丨张小五")]
    public void Writer_credited_without_a_colon(string line) => Assert.Equal("张小五", WithLine(line).Author);

    [Theory]
    [InlineData("本报记者张小五李小六", "张小五李小六")]
    [InlineData("采写：河畔晨报记者 张小五 李小六", "张小五 李小六")]
    [InlineData("撰写：河畔晨报记者 张小五", "张小五")]
    [InlineData("采写：张小五", "张小五")]
    [InlineData("作者：张小五 李小六返回首页", "张小五 李小六")]
    [InlineData("【文/晨风网专栏作者张小五】", "张小五")]
    public void Credits_run_together_or_glued_to_links(string line, string expected) => Assert.Equal(expected, WithLine(line).Author);

    [Fact]
    public void Two_writers_before_the_credit_word() => Assert.Equal("张小五 李小六", WithLine("张小五 李小六 文").Author);

    [Theory]
    [InlineData("政策原文")]
    [InlineData("作者最新文章")]
    public void Words_ending_in_the_credit_letters_are_not_bylines(string line) => Assert.Null(WithLine(line).Author);

    [Theory]
    [InlineData("By Jane Doe", "Jane Doe")]
    [InlineData("By Jane Doe and John Roe", "Jane Doe John Roe")]
    [InlineData("Posted by jdoe2023", "jdoe2023")]
    public void English_style_bylines(string line, string expected) => Assert.Equal(expected, WithLine(line).Author);

    [Fact]
    public void Publisher_and_writer_beside_the_date()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00 河畔晨报 王小五</p>" + InventedPages.Paragraphs);
        Assert.Equal("河畔晨报", article.Source);
        Assert.Equal("王小五", article.Author);
    }

    [Fact]
    public void Labels_set_off_with_a_bar()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00 来源丨河畔晨报 作者丨王小五</p>" + InventedPages.Paragraphs);
        Assert.Equal("河畔晨报", article.Source);
        Assert.Equal("王小五", article.Author);
    }
}
