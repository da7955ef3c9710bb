using System.Globalization;
using System.Text;

namespace NewsFunctions.IntegrationTests;

/// <summary>Test documents: the real seed, and variants of its format made on the fly.</summary>
internal static class Documents
{
    public static byte[] Seed() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "seeds", "000_81ac17763b65a3e7.txt"));

    public static byte[] Article(string title, DateOnly published, string category = "要闻", string source = "测试市人民政府", string? body = null)
    {
        var text = string.Join('\n',
            $"您现在的位置:首页 > {category} > 文字新闻",
            title,
            $"发布时间:{published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}    来源:{source}",
            "",
            "  " + (body ?? $"{title}。这是正文的第一段,讲述了会议的内容。"),
            "  这是正文的第二段。",
            "上一条:上一篇文章",
            "下一条:下一篇文章",
            "Copyright © 2024 测试网 版权所有:测试网");
        return Encoding.UTF8.GetBytes(text);
    }
}
