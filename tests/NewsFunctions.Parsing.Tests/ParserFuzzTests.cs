using System.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>
/// Fuzzing at scale: many seeded random documents mixing the shapes that break parsers. Bounded in CI (400 a
/// shape); NEWSFUNCTIONS_FUZZ_ITERATIONS runs longer on demand. Every input gives an article or a clear failure.
/// </summary>
public sealed class ParserFuzzTests
{
    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("NEWSFUNCTIONS_FUZZ_ITERATIONS"), out var n) ? n : 400;

    private static readonly string[] Pieces =
    [
        "<html>", "<body>", "<div>", "</div>", "<p>", "</p>", "<table><tr><td>", "<!--", "-->", "<script>", "</script>",
        "<meta charset=\"gb2312\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">", "<title>", "</title>", "<h1>",
        "发布时间：", "2020-09-23 08:18", "来源:", "作者：", "责任编辑:", "您现在的位置：首页 > 新闻 >", "上一篇：", "下一篇:",
        "版权所有", "ICP备12345678号", "【打印本页】【关闭窗口】", "\u202E", "\u200F", "\0", "\uFEFF", "\r\n", "\n\n", "&nbsp;", "&#x4E2D;", "&#99999999;",
        "{\"title\":", "\"body\":", "# ", "人大常委会召开会议。", "The quick brown fox.", "\uD800", "\uDFFF", "𠀋",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_documents_never_throw(int shape)
    {
        var parser = new DocumentParser();
        var random = new Random(shape * 7919);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = shape switch
            {
                1 => RandomBytes(random),
                2 => Encoding.UTF8.GetBytes(Soup(random)),
                _ => MixedEncodings(random),
            };
            var result = parser.Parse(bytes, "fuzz" + i);
            Assert.True(result.Succeeded ? result.Article.Title.Length > 0 : result.Failure.Detail.Length > 0, $"shape {shape}, case {i}");
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Soup(Random random)
    {
        var text = new StringBuilder();
        var count = random.Next(0, 300);
        for (var j = 0; j < count; j++)
            text.Append(Pieces[random.Next(Pieces.Length)]);
        return text.ToString();
    }

    /// <summary>Soup encoded as GB18030 or Big5 with UTF-8 and invalid bytes spliced in.</summary>
    private static byte[] MixedEncodings(Random random)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(random.Next(2) == 0 ? "gb18030" : "big5");
        var bytes = new List<byte>(encoding.GetBytes(Soup(random)));
        for (var k = random.Next(0, 20); k > 0 && bytes.Count > 0; k--)
            bytes.Insert(random.Next(bytes.Count), (byte)random.Next(0x80, 0x100));
        return bytes.ToArray();
    }
}
