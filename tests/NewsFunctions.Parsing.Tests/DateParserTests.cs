using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Tests;

/// <summary>The date forms Chinese pages print, each read in China time.</summary>
public sealed class DateParserTests
{
    [Theory]
    [InlineData("发布时间:2020-09-23", 2020, 9, 23, 0, 0, false)]
    [InlineData("2020年9月23日 08:18", 2020, 9, 23, 8, 18, true)]
    [InlineData("2019年06月15日08:18 来源:", 2019, 6, 15, 8, 18, true)]
    [InlineData("2010/1/6 16:43:13", 2010, 1, 6, 16, 43, true)]
    [InlineData("2022.01.20 16:31 来源:河南日报", 2022, 1, 20, 16, 31, true)]
    [InlineData("发表时间: 06/02/2022 - 13:48", 2022, 2, 6, 13, 48, true)]
    [InlineData("发布日期: 9/17/2004 5:54:13 AM", 2004, 9, 17, 5, 54, true)]
    [InlineData("发布日期: 7/5/2005 9:23:57 PM", 2005, 5, 7, 21, 23, true)]
    [InlineData("Saturday, September 10th, 2005 10:56 am", 2005, 9, 10, 10, 56, true)]
    public void Reads_the_forms_pages_use(string text, int year, int month, int day, int hour, int minute, bool hasTime)
    {
        Assert.True(DateParser.TryParse(text, out var value, out var withTime));
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, value.Second, TimeSpan.FromHours(8)), value);
        Assert.Equal(hasTime, withTime);
    }

    [Theory]
    [InlineData("Copyright 2015-2024")]
    [InlineData("2004年9月")]
    [InlineData("电话 12019-88-77")]
    [InlineData("2020-13-40")]
    public void Ignores_what_is_not_a_date(string text)
    {
        Assert.False(DateParser.TryParse(text, out _, out _));
    }

    [Fact]
    public void Machine_dates_with_an_offset_become_china_time()
    {
        Assert.True(DateParser.TryParseMachine("2022-11-01T00:30:00Z", out var value, out var hasTime));
        Assert.Equal(new DateTimeOffset(2022, 11, 1, 8, 30, 0, TimeSpan.FromHours(8)), value);
        Assert.Equal(TimeSpan.FromHours(8), value.Offset);
        Assert.True(hasTime);
    }
}

/// <summary>Pages that print the publication time with a script keep it in a variable.</summary>
public sealed class ScriptDateTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void Date_written_by_a_script_is_read_from_its_variable()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><em id=\"publish_time\"></em>" + InventedPages.Paragraphs,
            "<script>var msg_title = \"x\"; var ct = \"1621234567\";</script>");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1621234567).ToOffset(China), article.PublishedAt);
    }

    [Fact]
    public void A_name_that_only_begins_like_the_variable_is_passed_over()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1>" + InventedPages.Paragraphs,
            "<script>var ctx = {}; var ct = \"1621234567\";</script>");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1621234567).ToOffset(China), article.PublishedAt);
    }

    [Fact]
    public void Date_in_a_script_object_is_read_too_but_a_printed_dateline_wins()
    {
        const string script = "<script>window.DATA = {\"title\":\"x\",\"publishTime\":\"2021-05-06 10:20:00\"};</script>";
        var fromScript = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1>" + InventedPages.Paragraphs, script);
        Assert.Equal(new DateTimeOffset(2021, 5, 6, 10, 20, 0, China), fromScript.PublishedAt);
        var printed = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>2021-05-07 08:00</p>" + InventedPages.Paragraphs, script);
        Assert.Equal(new DateTimeOffset(2021, 5, 7, 8, 0, 0, China), printed.PublishedAt);
    }
}
