using NewsFunctions.Parsing.Extraction;

namespace NewsFunctions.Parsing.Tests;

/// <summary>Dates that need the rest of the page: two-digit years, dates without a year, relative times, the address's day.</summary>
public sealed class DateSignalTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void Two_digit_year_after_a_date_label()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h2>乡村公路通到家门口</h2><p>晨风观察</p><p>发布时间：21-06-15 09:30</p>" + InventedPages.Paragraphs);
        Assert.Equal(new DateTimeOffset(2021, 6, 15, 9, 30, 0, China), article.PublishedAt);
    }

    [Fact]
    public void Date_without_a_year_takes_the_year_of_the_modified_time()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>04-02 10:00 河畔晨报</p>" + InventedPages.Paragraphs,
            "<meta property=\"article:modified_time\" content=\"2023-04-03T08:00:00+08:00\">");
        Assert.Equal(new DateTimeOffset(2023, 4, 2, 10, 0, 0, China), article.PublishedAt);
        Assert.Equal("河畔晨报", article.Source);
    }

    [Fact]
    public void Date_printed_in_pieces_under_the_headline()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><div><span class=\"y\"><p>2023</p></span><p>04/02</p><p>10:05</p></div><p>晨风观察</p>" +
            InventedPages.Paragraphs + "<p>本报2015年曾报道过这条路。</p>");
        Assert.Equal(new DateTimeOffset(2023, 4, 2, 10, 5, 0, China), article.PublishedAt);
    }

    [Fact]
    public void A_year_over_a_rating_is_no_date_widget()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><div><p>2023</p><p>4.5</p></div><p>晨风观察</p>" + InventedPages.Paragraphs);
        Assert.Null(article.PublishedAt);
    }

    [Fact]
    public void Yearless_date_and_time_run_together()
    {
        Assert.True(DateParser.TryFindLoose("发布时间：08-2721:15", true, new DateTimeOffset(2023, 10, 1, 0, 0, 0, China), out var value, out var hasTime, out _));
        Assert.Equal(new DateTimeOffset(2023, 8, 27, 21, 15, 0, China), value);
        Assert.True(hasTime);
    }

    [Fact]
    public void December_date_read_in_january_is_last_year()
    {
        Assert.True(DateParser.TryFindLoose("12月30日 21:05", false, new DateTimeOffset(2024, 1, 2, 9, 0, 0, China), out var value, out var hasTime, out _));
        Assert.Equal(new DateTimeOffset(2023, 12, 30, 21, 5, 0, China), value);
        Assert.True(hasTime);
    }

    [Theory]
    [InlineData("3小时前", 2023, 4, 2, 9, 0, true)]
    [InlineData("河畔晨报 · 25分钟前", 2023, 4, 2, 11, 35, true)]
    [InlineData("昨天 10:20", 2023, 4, 1, 10, 20, true)]
    [InlineData("2天前", 2023, 3, 31, 0, 0, false)]
    [InlineData("2 hours ago", 2023, 4, 2, 10, 0, true)]
    public void Relative_times_are_read_against_the_reference(string text, int year, int month, int day, int hour, int minute, bool withTime)
    {
        var now = new DateTimeOffset(2023, 4, 2, 12, 0, 0, China);
        Assert.True(DateParser.TryFindLoose(text, false, now, out var value, out var hasTime, out _));
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, 0, China), value);
        Assert.Equal(withTime, hasTime);
    }

    [Theory]
    [InlineData("报名请于5月3日前完成")]
    [InlineData("报名请于5月 3日前完成")]
    public void A_day_after_its_month_is_that_day_not_days_ago(string text)
    {
        var now = new DateTimeOffset(2023, 4, 2, 12, 0, 0, China);
        Assert.True(DateParser.TryFindLoose(text, false, now, out var value, out _, out _));
        Assert.Equal((5, 3), (value.Month, value.Day));
    }

    [Theory]
    [InlineData("今天是植树节，村里的孩子都去种树了")]
    [InlineData("刚刚过去的一年，路修到了家门口")]
    [InlineData("昨日重现")]
    public void Deadlines_and_sentences_with_day_words_are_no_relative_times(string text)
    {
        var now = new DateTimeOffset(2023, 4, 2, 12, 0, 0, China);
        Assert.False(DateParser.TryFindLoose(text, false, now, out _, out _, out _));
    }

    [Theory]
    [InlineData("河畔晨报 · 刚刚")]
    [InlineData("昨天 | 来源：河畔晨报")]
    [InlineData("今天")]
    public void Day_words_and_just_now_as_stamps_are_read(string text)
    {
        var now = new DateTimeOffset(2023, 4, 2, 12, 0, 0, China);
        Assert.True(DateParser.TryFindLoose(text, false, now, out _, out _, out _));
    }

    [Theory]
    [InlineData("9999-12-31T20:00:00Z")]
    [InlineData("0001-01-01T02:00:00+08:00")]
    public void Machine_dates_out_of_range_are_refused_without_overflow(string text) =>
        Assert.False(DateParser.TryParseMachine(text, out _, out _));

    [Fact]
    public void A_page_with_a_modified_time_at_the_end_of_time_still_parses()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>2023-04-02 10:00</p>" + InventedPages.Paragraphs,
            "<meta property=\"article:modified_time\" content=\"9999-12-31T20:00:00Z\">");
        Assert.Equal(new DateTimeOffset(2023, 4, 2, 10, 0, 0, China), article.PublishedAt);
    }

    [Fact]
    public void Without_a_reference_only_the_labelled_two_digit_year_is_read()
    {
        Assert.False(DateParser.TryFindLoose("3小时前", true, null, out _, out _, out _));
        Assert.False(DateParser.TryFindLoose("04-02 10:00", true, null, out _, out _, out _));
        Assert.False(DateParser.TryFindLoose("21-06-15 09:30", false, null, out _, out _, out _));
        Assert.True(DateParser.TryFindLoose("21-06-15 09:30", true, null, out _, out _, out _));
    }

    [Fact]
    public void Relative_dateline_resolved_against_the_latest_date_the_page_prints()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>河畔晨报 3小时前</p>" + InventedPages.Paragraphs +
            "<div class=\"comments\"><p>网友甲 2023-04-02 11:00:00</p><p>说得好</p></div>");
        Assert.Equal(new DateTimeOffset(2023, 4, 2, 8, 0, 0, China), article.PublishedAt);
    }

    [Theory]
    [InlineData("https://news.example.cn/2020-09/23/content_1.htm", 2020, 9, 23)]
    [InlineData("https://www.example.gov.cn/xxgk/202009/t20200923_1.html", 2020, 9, 23)]
    [InlineData("https://example.com/a/20200923/1.shtml", 2020, 9, 23)]
    [InlineData("https://example.com/2020/09/23/story.html", 2020, 9, 23)]
    [InlineData("https://example.com/news/2020/0923/1.html", 2020, 9, 23)]
    public void Day_in_the_address(string url, int year, int month, int day)
    {
        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, China), DateParser.FromUrl(url));
    }

    [Theory]
    [InlineData("https://example.com/article/1234567890.html")]
    [InlineData("https://example.com/2020/13/45/x.html")]
    [InlineData(null)]
    public void No_day_in_the_address(string? url) => Assert.Null(DateParser.FromUrl(url));

    [Fact]
    public void Page_without_a_printed_date_takes_the_day_of_its_address()
    {
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1>" + InventedPages.Paragraphs,
            "<link rel=\"canonical\" href=\"https://news.example.cn/2020-09/23/content_1.htm\">");
        Assert.Equal(new DateTimeOffset(2020, 9, 23, 0, 0, 0, China), article.PublishedAt);
        Assert.False(article.HasPublishedTime);
    }

    [Fact]
    public void The_line_that_agrees_with_the_address_is_the_dateline()
    {
        // A teaser's labelled date sits between headline and body, as close as the article's own.
        var article = InventedPages.Html("乡村公路通到家门口", "<h1>乡村公路通到家门口</h1><p>发布时间：2020-09-20 08:00</p><p>2020-09-23 10:00</p>" + InventedPages.Paragraphs,
            "<link rel=\"canonical\" href=\"https://news.example.cn/2020-09/23/content_1.htm\">");
        Assert.Equal(new DateTimeOffset(2020, 9, 23, 10, 0, 0, China), article.PublishedAt);
    }
}
