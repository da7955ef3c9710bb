using System.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>
/// Hostile and broken input: the parser returns a result or a clear failure, never throws, and stays bounded
/// (deep nesting, huge input). No timings are asserted; bounded work shows up as the suite finishing.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly DocumentParser Parser = new();

    private static ParseResult ParseSafely(byte[] bytes, string? fileName = null)
    {
        var result = Parser.Parse(bytes, fileName);
        Assert.NotNull(result);
        if (!result.Succeeded)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Failure.Detail));
            Assert.NotEqual(ParseFailureReason.Malformed, result.Failure.Reason);
        }
        return result;
    }

    public static TheoryData<int, int> RandomCases()
    {
        var cases = new TheoryData<int, int>();
        for (var seed = 1; seed <= 12; seed++) cases.Add(seed, seed * 997 % 20_000 + 1);
        return cases;
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Seeded_random_bytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        ParseSafely(bytes);
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Seeded_random_markup_soup(int seed, int length)
    {
        var random = new Random(seed);
        string[] pieces = ["<div>", "</div>", "<p>", "</p>", "<a href='x'>", "</a>", "<table><tr><td>", "</td>", "<br>", "<!--", "-->", "<script>", "</script>",
            "新闻，", "正文内容。", "发布时间：2020-01-01", "来源：某报", "<h1>", "</h1>", "&nbsp;", "&#x4e2d;", "<", ">", "\"", "'", "\0", "\u00ff"];
        var html = new StringBuilder("<html><body>");
        while (html.Length < length) html.Append(pieces[random.Next(pieces.Length)]);
        ParseSafely(Encoding.UTF8.GetBytes(html.ToString()));
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Seeded_random_label_soup(int seed, int length)
    {
        // Labels with and without values, brackets, dates and markers in random order: the shapes that once threw.
        var random = new Random(seed);
        string[] pieces = ["来源:", "作者:", "记者", "通讯员", "文/", "责任编辑:", "发布时间:", "上一篇:", "下一篇:", "您的位置:", " > ", "(", ")", "（", "）", "[", "]",
            "2020-01-01", "2020年1月2日 08:18", "06/02/2022 - 13:48", "张三", "，", "。", "正文内容，", "完整的一句话。", "\n", "\n", "   ", "版权所有", "Copyright ©",
            "本文链接:", "http://a.b/c", "原标题:", "•", "1. ", "[img]", "#", "{", "\"", "=", "：", "报道", "发自", "——", "|", "星期一"];
        for (var doc = 0; doc < 20; doc++)
        {
            var text = new StringBuilder();
            while (text.Length < length % 2_000 + 1) text.Append(pieces[random.Next(pieces.Length)]);
            ParseSafely(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    [Fact]
    public void Truncated_html_at_every_hundredth_byte()
    {
        var bytes = Fixtures.Bytes("article-meta.html", "utf-8");
        for (var length = 1; length < bytes.Length; length += 100)
            ParseSafely(bytes[..length]);
    }

    [Fact]
    public void Unbalanced_and_misnested_html()
    {
        var html = "<html><body><div><p>第一段，内容。<div><span>没有闭合<b><i>交错</b></i><table><td>单元格，文字。</p></div></span>" +
                   "<h1>标题</h1></h1></h1><p>第二段，正文内容，足够长的一句话。</td></table></div></body></html></html>";
        var result = ParseSafely(Encoding.UTF8.GetBytes(html));
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("div")]
    [InlineData("b")]
    [InlineData("span")]
    [InlineData("table")]
    public void Ten_thousand_nested_elements(string tag)
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 10_000; i++) html.Append('<').Append(tag).Append('>');
        html.Append("<p>深层嵌套中的正文，一句完整的话。</p>");
        for (var i = 0; i < 10_000; i++) html.Append("</").Append(tag).Append('>');
        html.Append("</body></html>");
        ParseSafely(Encoding.UTF8.GetBytes(html.ToString()));
    }

    [Theory]
    [InlineData("<div>第{0}段，正文内容。</div>")]
    [InlineData("<b><i>第{0}段，交错内容。</b></i>")]
    [InlineData("<tr><td>第{0}格，内容。</td></tr>")]
    public void Fifty_thousand_siblings(string pattern)
    {
        // Work per element must not depend on how many siblings it has (that was quadratic once).
        var html = new StringBuilder("<html><body><table>");
        for (var i = 0; i < 50_000; i++) html.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, i));
        ParseSafely(Encoding.UTF8.GetBytes(html.Append("</table></body></html>").ToString()));
    }

    [Fact]
    public void A_hundred_thousand_nested_elements_are_read_as_text()
    {
        var html = new StringBuilder("<html><head><title>深层嵌套</title></head><body>");
        for (var i = 0; i < 100_000; i++) html.Append("<div>");
        html.Append("<p>深层嵌套中的正文，一句完整的话，内容足够长。</p><p>第二段正文，也是完整的一句话。</p>");
        var result = ParseSafely(Encoding.UTF8.GetBytes(html.ToString()));
        Assert.True(result.Succeeded);
        Assert.Equal(DocumentFormat.Html, result.Format);
        Assert.Contains("深层嵌套中的正文", result.Article.Body);
    }

    [Fact]
    public void A_million_one_letter_lines()
    {
        var text = new StringBuilder("标题\n2020-01-01\n正文，第一段完整的一句话。\n");
        for (var i = 0; i < 1_000_000; i++) text.Append("a\n");
        ParseSafely(Encoding.UTF8.GetBytes(text.ToString()));
    }

    [Fact]
    public void Fifty_megabytes_are_refused_as_too_large()
    {
        var bytes = new byte[50 * 1024 * 1024];
        bytes.AsSpan().Fill((byte)'a');
        var result = Parser.Parse(bytes);
        Assert.Equal(ParseFailureReason.TooLarge, result.Failure?.Reason);
    }

    [Fact]
    public async Task Fifty_megabytes_from_a_stream_are_refused_without_reading_them_all()
    {
        using var stream = new RepeatingStream(50L * 1024 * 1024);
        var result = await Parser.ParseAsync(stream);
        Assert.Equal(ParseFailureReason.TooLarge, result.Failure?.Reason);
        Assert.True(stream.BytesRead < 50L * 1024 * 1024);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\r\n\t \u3000\u00a0")]
    [InlineData("<html><body>   </body></html>")]
    public void Only_whitespace(string text)
    {
        var result = ParseSafely(Encoding.UTF8.GetBytes(text));
        Assert.False(result.Succeeded);
        Assert.True(result.Failure.Reason is ParseFailureReason.Empty or ParseFailureReason.NoBody);
    }

    [Fact]
    public void Only_boilerplate()
    {
        var html = "<html><body><ul><li><a href='/'>首页</a></li><li><a href='/n'>新闻</a></li></ul>" +
                   "<div>【打印本页】【关闭窗口】 分享到：</div><div>Copyright © 2020 版权所有 ICP备12345号</div></body></html>";
        var result = ParseSafely(Encoding.UTF8.GetBytes(html));
        Assert.False(result.Succeeded);
        Assert.Equal(ParseFailureReason.NoBody, result.Failure.Reason);
    }

    [Fact]
    public void Invalid_utf8_still_parses()
    {
        var bytes = Encoding.UTF8.GetBytes("标题\n发布时间：2020-01-01\n\n正文第一段，内容。\n").ToList();
        bytes.InsertRange(3, new byte[] { 0xC3, 0x28, 0xE2, 0x82 });
        var result = ParseSafely(bytes.ToArray());
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Nul_bytes_are_refused_as_binary()
    {
        var bytes = Encoding.UTF8.GetBytes("正文\0第一段，内容。\0\0");
        Assert.Equal(ParseFailureReason.Binary, ParseSafely(bytes).Failure?.Reason);
    }

    [Theory]
    [InlineData("来源:")]
    [InlineData("来源:[")]
    [InlineData("作者:")]
    [InlineData("责任编辑:")]
    [InlineData("发布时间:")]
    [InlineData("上一篇:")]
    [InlineData("您的位置:")]
    [InlineData("（记者 ）")]
    [InlineData("版权所有")]
    [InlineData("#")]
    [InlineData("###")]
    public void Empty_labels_at_the_edges(string label)
    {
        // Labels with nothing after them, first and last on the page, next to a real article.
        var text = string.Join('\n', label, "标题在这里", "2020-01-01", label, "", "正文第一段，内容完整的一句话。", "", "正文第二段，也是完整的一句话。", label);
        var result = ParseSafely(Encoding.UTF8.GetBytes(text));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_stray_nul_in_a_page_is_tolerated()
    {
        var bytes = Fixtures.Bytes("article-meta.html", "utf-8");
        bytes[bytes.Length / 2] = 0;
        Assert.True(ParseSafely(bytes).Succeeded);
    }

    [Fact]
    public void Scattered_control_characters_are_tolerated()
    {
        var text = "标题在这里\n发布时间：2020-01-01\n\n正文\u0001第一段，内容\u001b完整。\n";
        ParseSafely(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void Text_without_any_punctuation_still_yields_its_longest_line()
    {
        var line = string.Concat(Enumerable.Repeat("没有标点的长句子内容", 8));
        var result = ParseSafely(Encoding.UTF8.GetBytes("菜单 首页\n" + line + "\n"));
        Assert.True(result.Succeeded);
        Assert.Equal([line], result.Article.Paragraphs);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Parser.Parse(Fixtures.Bytes("article-meta.html", "utf-8"), null, cancelled.Token));
    }

    /// <summary>A stream of 'a' of a given length that counts what was read, without allocating it.</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            BytesRead += n;
            return n;
        }
    }
}
