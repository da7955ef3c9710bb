using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Moq;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Functions;
using NewsFunctions.FunctionApp.Http;

namespace NewsFunctions.FunctionApp.Tests;

/// <summary>
/// Hostile values for every query parameter: each answer is a 200 or a 400 problem, never an exception (a 500).
/// Seeded, so a failure reproduces; NEWSFUNCTIONS_FUZZ_ITERATIONS runs longer on demand (default 3,000 a parameter).
/// </summary>
public sealed class HttpParameterFuzzTests
{
    private static readonly string[] Parameters = ["limit", "cursor", "category", "source", "from", "to", "q", "fields"];

    private static readonly string[] Nasty =
    [
        "' or PartitionKey ne '", ")", "%27", "' or 1 eq 1 or '", "PartitionKey eq 'all'", "\0", "\u202E\u0645\u0631\u062D\u0628\u0627", "\u200F",
        "\uD800", "\uDC00x", "𠀋𠀋", "\r\n", "\t", "../..", "%00", "{}", "[]", "null", "-1", "9999999999999999999999", "1e9", "2020-02-30",
        "0001-01-01", "9999-12-31T23:59:59Z", "MTpub3RhY3Vyc29y", "MToxMjM0NTY3ODkwMTIzNDU2Nzg5OmFhYWFhYWFhYWFhYWE", "id,id,id", ",,,", "人", "人大",
    ];

    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("NEWSFUNCTIONS_FUZZ_ITERATIONS"), out var n) ? n : 3000;

    [Theory]
    [MemberData(nameof(ParameterNames))]
    public async Task Every_value_is_a_200_or_a_400_problem(string parameter)
    {
        var store = new Mock<IArticleReads>();
        store.Setup(s => s.ListAsync(It.IsAny<ArticleQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(new ArticlePage([], null));
        var function = new ListArticles(store.Object, Options.Create(new JsonOptions()), Options.Create(new ApiOptions()));
        var random = new Random(parameter.GetHashCode(StringComparison.Ordinal) ^ 20261126);
        int ok = 0, rejected = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var value = i < Nasty.Length ? Nasty[i] : RandomValue(random);
            var context = new DefaultHttpContext();
            context.Request.QueryString = QueryString.Create(parameter, value);
            var result = await function.Run(context.Request, CancellationToken.None);
            switch (result)
            {
                case CachedJsonResult:
                    ok++;
                    break;
                case ObjectResult { StatusCode: 400 } problem when problem.ContentTypes.Contains("application/problem+json"):
                    rejected++;
                    break;
                default:
                    Assert.Fail($"{parameter}={Escape(value)} gave {result.GetType().Name}");
                    break;
            }
        }
        Assert.Equal(Iterations, ok + rejected);
    }

    public static TheoryData<string> ParameterNames() => new(Parameters);

    [Theory]
    [InlineData("limit")]
    [InlineData("category")]
    [InlineData("source")]
    public async Task The_feed_answers_every_value_and_every_stored_text_with_a_200_or_a_400(string parameter)
    {
        var random = new Random(parameter.GetHashCode(StringComparison.Ordinal) ^ 7);
        var store = new Mock<IArticleReads>();
        // Stored text can hold anything a scraped page had: the feed must still be well-formed XML.
        store.Setup(s => s.ListAsync(It.IsAny<ArticleQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => new ArticlePage(
            [new ArticleSummary("abcdefghijklm", RandomValue(random), DateTimeOffset.UnixEpoch, RandomValue(random), [RandomValue(random)], null, RandomValue(random))], null));
        var function = new GetFeed(store.Object, Options.Create(new ApiOptions()));
        for (var i = 0; i < Iterations / 10; i++)
        {
            var value = i < Nasty.Length ? Nasty[i] : RandomValue(random);
            var context = new DefaultHttpContext();
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("localhost");
            context.Request.QueryString = QueryString.Create(parameter, value);
            var result = await function.Run(context.Request, CancellationToken.None);
            switch (result)
            {
                case ContentResult { StatusCode: 200 } feed:
                    using (var reader = System.Xml.XmlReader.Create(new StringReader(feed.Content!)))
                        Assert.NotNull(System.ServiceModel.Syndication.SyndicationFeed.Load(reader));
                    break;
                case ObjectResult { StatusCode: 400 }:
                    break;
                default:
                    Assert.Fail($"{parameter}={Escape(value)} gave {result.GetType().Name}");
                    break;
            }
        }
    }

    /// <summary>Random text from the classes that break parsers: ASCII, CJK, controls, lone surrogates, bidi marks, OData syntax, digits.</summary>
    private static string RandomValue(Random random)
    {
        var length = random.Next(0, random.Next(2) == 0 ? 12 : 400);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(8) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0x4E00, 0x9FFF),
                2 => (char)random.Next(0, 0x20),
                3 => (char)random.Next(0xD800, 0xE000),
                4 => "\u202E\u200F\u200E\uFEFF"[random.Next(4)],
                5 => "'()%&=+,;:/\\?#"[random.Next(14)],
                6 => (char)random.Next('0', '9' + 1),
                _ => '-',
            });
        }
        return text.ToString();
    }

    private static string Escape(string value) => string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
