using System.Diagnostics;
using System.Globalization;
using NewsFunctions.Parsing;

namespace NewsFunctions.Benchmarks;

/// <summary>
/// Our parser and SmartReader over the HTML corpus, alternating pass by pass in one process, so both see the same load
/// on a shared machine (BenchmarkDotNet runs one after the other, minutes apart). Prints the median pass of each, and
/// their ratio. Usage: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- interleaved [rounds]
/// </summary>
public static class Interleaved
{
    public static void Run(int rounds)
    {
        var pages = Corpus.Load("html");
        var megabytes = Corpus.TotalBytes("html") / 1e6;
        var parser = new DocumentParser();
        var ours = new List<double>();
        var theirs = new List<double>();
        for (var round = -3; round < rounds; round++)
        {
            var a = Time(() => Ours(parser, pages));
            var b = Time(() => SmartReaderPass(pages));
            if (round < 0) continue; // warm-up: tiered JIT settles over the first passes
            ours.Add(a);
            theirs.Add(b);
        }
        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var (o, s) = (Median(ours), Median(theirs));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rounds {rounds}: ours {o * 1000:F1} ms/pass ({megabytes / o:F1} MB/s), SmartReader {s * 1000:F1} ms/pass ({megabytes / s:F1} MB/s), ratio {s / o:F2}x"));
    }

    private static double Time(Action pass)
    {
        var start = Stopwatch.GetTimestamp();
        pass();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static void Ours(DocumentParser parser, IReadOnlyList<byte[]> pages)
    {
        foreach (var page in pages) parser.Parse(page);
    }

    private static void SmartReaderPass(IReadOnlyList<byte[]> pages)
    {
        foreach (var page in pages)
        {
            using var stream = new MemoryStream(page, writable: false);
            SmartReader.Reader.ParseArticle("https://example.invalid/article.html", stream);
        }
    }
}
