using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Text;
using BenchmarkDotNet.Attributes;
using NewsFunctions.Parsing.Decoding;

namespace NewsFunctions.Benchmarks;

/// <summary>
/// The ceiling for a parser built on AngleSharp: each step of ours alone over the HTML corpus (decode; AngleSharp's DOM
/// with default, our and the cheapest options; AngleSharp's tokenizer alone). Run with --filter '*Ceiling*'.
/// </summary>
[MemoryDiagnoser]
public class CeilingBenchmarks
{
    private static readonly HtmlParserOptions Ours = new() { IsScripting = false, IsKeepingSourceReferences = false, IsNotConsumingCharacterReferences = false };

    /// <summary>Everything AngleSharp 1.10 lets a caller switch off that our extraction can live without (comments, style text, positions).</summary>
    private static readonly HtmlParserOptions Cheapest = new()
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipRawText = true,
        SkipCDATA = true,
        SkipProcessingInstructions = true,
    };

    /// <summary>Cheapest plus no script text at all (we would lose JSON-LD): the floor of the DOM path.</summary>
    private static readonly HtmlParserOptions CheapestNoScript = new()
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipRawText = true,
        SkipCDATA = true,
        SkipProcessingInstructions = true,
        SkipScriptText = true,
    };

    private IReadOnlyList<byte[]> _bytes = [];
    private string[] _html = [];
    private HtmlParser _shared = new(Ours);

    [GlobalSetup]
    public void Setup()
    {
        _bytes = Corpus.Load("html");
        _html = _bytes.Select(b => TextDecoder.Decode(b).Text).ToArray();
        _shared = new HtmlParser(Ours);
    }

    [Benchmark(Description = "decode only")]
    public int Decode()
    {
        var n = 0;
        foreach (var page in _bytes) n += TextDecoder.Decode(page).Text.Length;
        return n;
    }

    [Benchmark(Description = "AngleSharp DOM, default options")]
    public int DomDefault() => Dom(() => new HtmlParser());

    [Benchmark(Baseline = true, Description = "AngleSharp DOM, our options")]
    public int DomOurs() => Dom(() => new HtmlParser(Ours));

    [Benchmark(Description = "AngleSharp DOM, our options, one parser")]
    public int DomOursShared() => Dom(() => _shared);

    [Benchmark(Description = "AngleSharp DOM, cheapest options")]
    public int DomCheapest() => Dom(() => new HtmlParser(Cheapest));

    [Benchmark(Description = "AngleSharp DOM, cheapest, no script text")]
    public int DomCheapestNoScript() => Dom(() => new HtmlParser(CheapestNoScript));

    [Benchmark(Description = "AngleSharp tokenizer alone")]
    public int Tokenizer()
    {
        var n = 0;
        foreach (var html in _html)
        {
            using var source = new TextSource(html);
            var tokenizer = new HtmlTokenizer(source, HtmlEntityProvider.ResolverExtended);
            while (true)
            {
                ref var token = ref tokenizer.GetStructToken();
                if (token.Type == HtmlTokenType.EndOfFile) break;
                n++;
                // What the tree builder does: raw-text elements switch the tokenizer's state, else script bodies become markup.
                if (token.Type == HtmlTokenType.StartTag)
                {
                    var name = token.Name;
                    if (name == "script") tokenizer.State = HtmlParseMode.Script;
                    else if (name == "style" || name == "noscript" || name == "iframe" || name == "xmp" || name == "noembed" || name == "noframes") tokenizer.State = HtmlParseMode.Rawtext;
                    else if (name == "title" || name == "textarea") tokenizer.State = HtmlParseMode.RCData;
                }
            }
        }
        return n;
    }

    /// <summary>The same pages through SmartReader, so the ceiling can be read as a multiple of it from one run.</summary>
    [Benchmark(Description = "SmartReader html")]
    public int SmartReaderHtml()
    {
        var n = 0;
        foreach (var page in _bytes)
        {
            using var stream = new MemoryStream(page, writable: false);
            n += SmartReader.Reader.ParseArticle("https://example.invalid/article.html", stream).TextContent?.Length ?? 0;
        }
        return n;
    }

    private int Dom(Func<HtmlParser> parser)
    {
        var n = 0;
        foreach (var html in _html)
        {
            using var document = parser().ParseDocument(html);
            n += document.ChildNodes.Length;
        }
        return n;
    }
}
