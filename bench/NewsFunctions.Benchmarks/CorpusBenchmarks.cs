using BenchmarkDotNet.Attributes;
using NewsFunctions.Parsing;

namespace NewsFunctions.Benchmarks;

/// <summary>
/// One operation = the whole corpus variant (94 pages) parsed once, bytes in, article out, by our parser and by
/// SmartReader 0.11.1 (the C# port of Mozilla Readability) in the same run. MB/s comes from <see cref="ThroughputColumn"/>.
/// </summary>
[MemoryDiagnoser]
public class CorpusBenchmarks
{
    private readonly DocumentParser _parser = new();
    private IReadOnlyList<byte[]> _html = [];
    private IReadOnlyList<byte[]> _text = [];

    [GlobalSetup]
    public void Setup()
    {
        _html = Corpus.Load("html");
        _text = Corpus.Load("text");
    }

    [Benchmark(Baseline = true, Description = "NewsFunctions html")]
    public int OursHtml() => ParseAll(_html);

    [Benchmark(Description = "NewsFunctions text")]
    public int OursText() => ParseAll(_text);

    [Benchmark(Description = "SmartReader html")]
    public int SmartReaderHtml() => SmartReaderAll(_html);

    [Benchmark(Description = "SmartReader text")]
    public int SmartReaderText() => SmartReaderAll(_text);

    private int ParseAll(IReadOnlyList<byte[]> pages)
    {
        var characters = 0;
        foreach (var page in pages)
        {
            var result = _parser.Parse(page);
            if (result.Succeeded) characters += result.Article.CharacterCount;
        }
        return characters;
    }

    private static int SmartReaderAll(IReadOnlyList<byte[]> pages)
    {
        var characters = 0;
        foreach (var page in pages)
        {
            // The stream overload lets SmartReader do its own charset handling, as our parser does.
            using var stream = new MemoryStream(page, writable: false);
            var article = SmartReader.Reader.ParseArticle("https://example.invalid/article.html", stream);
            characters += article.TextContent?.Length ?? 0;
        }
        return characters;
    }
}
