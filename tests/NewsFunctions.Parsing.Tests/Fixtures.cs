using System.Text;

namespace NewsFunctions.Parsing.Tests;

/// <summary>Hand-written fixtures (UTF-8 on disk), re-encoded by tests into the charset each case needs.</summary>
internal static class Fixtures
{
    static Fixtures() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name), Encoding.UTF8);

    public static byte[] Bytes(string name, string encoding) => Encoding.GetEncoding(encoding).GetBytes(Text(name));

    public static ParsedArticle Parse(byte[] bytes, string? fileName = null)
    {
        var result = new DocumentParser().Parse(bytes, fileName);
        Assert.True(result.Succeeded, result.Failure?.ToString());
        return result.Article;
    }
}
