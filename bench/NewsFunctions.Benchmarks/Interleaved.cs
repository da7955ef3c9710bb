using System.Diagnostics;
using System.Globalization;

namespace NewsFunctions.Benchmarks;

/// <summary>
/// Our parser, SmartReader and the ceiling steps over the HTML corpus, alternating pass by pass in one process, so all
/// see the same load on a shared machine (BenchmarkDotNet runs them one after the other, minutes apart, and a load
/// change in between moves the ratios). Prints each one's median pass and its multiple of SmartReader on the same
/// variant; the text-dump rows run over the text corpus.
/// Usage: dotnet run -c Release --project bench/NewsFunctions.Benchmarks -- interleaved [rounds]
/// </summary>
public static class Interleaved
{
    public static void Run(int rounds)
    {
        var megabytes = Corpus.TotalBytes("html") / 1e6;
        var textMegabytes = Corpus.TotalBytes("text") / 1e6;
        var corpus = new CorpusBenchmarks();
        corpus.Setup();
        var ceiling = new CeilingBenchmarks();
        ceiling.Setup();
        var passes = new (string Name, Func<int> Pass)[]
        {
            ("NewsFunctions html", corpus.OursHtml),
            ("SmartReader html", corpus.SmartReaderHtml),
            ("decode only", ceiling.Decode),
            ("AngleSharp DOM, one parser", ceiling.DomOursShared),
            ("AngleSharp tokenizer alone", ceiling.Tokenizer),
            ("NewsFunctions text", corpus.OursText),
            ("SmartReader text", corpus.SmartReaderText),
        };
        const int textRows = 2;
        var times = passes.Select(_ => new List<double>()).ToArray();
        for (var round = -3; round < rounds; round++)
        {
            for (var p = 0; p < passes.Length; p++)
            {
                var start = Stopwatch.GetTimestamp();
                passes[p].Pass();
                // The first rounds are warm-up: tiered JIT settles over the first passes.
                if (round >= 0) times[p].Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
        }
        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        Console.WriteLine($"{rounds} rounds, median pass over the HTML corpus ({megabytes:F2} MB):");
        for (var p = 0; p < passes.Length - textRows; p++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {passes[p].Name,-28} {medians[p] * 1000,8:F1} ms {megabytes / medians[p],7:F1} MB/s {medians[1] / medians[p],6:F2}x SmartReader"));
        }
        Console.WriteLine($"Median pass over the text-dump corpus ({textMegabytes:F2} MB):");
        for (var p = passes.Length - textRows; p < passes.Length; p++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {passes[p].Name,-28} {medians[p] * 1000,8:F1} ms {textMegabytes / medians[p],7:F1} MB/s {medians[^1] / medians[p],6:F2}x SmartReader"));
        }
    }
}
