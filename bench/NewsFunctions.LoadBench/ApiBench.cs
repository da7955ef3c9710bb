using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NewsFunctions.Content.Articles;
using NewsFunctions.FunctionApp.Functions;

namespace NewsFunctions.LoadBench;

/// <summary>Closed-loop, in-process load on the HTTP functions: a fixed number of workers, each sending its next request when the last one is answered.</summary>
internal static class ApiBench
{
    public sealed record Endpoint(string Name, Func<int, Task<int>> Call);

    public sealed record Result(string Name, long Requests, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms, long StorageRequests = 0, long StorageErrors = 0)
    {
        public double PerSecond => Requests / Elapsed.TotalSeconds;

        public double StoragePerRequest => Requests == 0 ? 0 : (double)StorageRequests / Requests;
    }

    public static IReadOnlyList<Endpoint> Endpoints(BenchHost host, IReadOnlyList<string> ids, string commonWord, string rareWord)
    {
        async Task<int> Run(Func<Microsoft.AspNetCore.Http.HttpRequest, Task<IActionResult>> function, string path, string query)
        {
            var request = BenchHost.Get(path, query);
            var result = await function(request).ConfigureAwait(false);
            return (await host.ExecuteAsync(result, request).ConfigureAwait(false)).Status;
        }
        var categories = LoadDocuments.Categories;
        return
        [
            new("list (limit 20, hot: the same request)", _ => Run(r => host.Function<ListArticles>().Run(r, CancellationToken.None), "/api/articles", "")),
            new("list by category (20 categories in turn)", i => Run(r => host.Function<ListArticles>().Run(r, CancellationToken.None), "/api/articles",
                "?category=" + Uri.EscapeDataString(categories[i % categories.Length]))),
            new("detail (every article in turn)", i =>
            {
                var id = ids[(int)((i * 2654435761L) % ids.Count)];
                return Run(r => host.Function<GetArticle>().Run(r, id, CancellationToken.None), "/api/articles/" + id, "");
            }),
            // Hot: the same few articles over and over, as a front page's top stories are read.
            new("detail (hot: 8 ids)", i =>
            {
                var id = ids[i % Math.Min(8, ids.Count)];
                return Run(r => host.Function<GetArticle>().Run(r, id, CancellationToken.None), "/api/articles/" + id, "");
            }),
            new($"search q={commonWord} (common)", _ => Run(r => host.Function<ListArticles>().Run(r, CancellationToken.None), "/api/articles",
                "?q=" + Uri.EscapeDataString(commonWord))),
            new($"search q={rareWord} (rare)", _ => Run(r => host.Function<ListArticles>().Run(r, CancellationToken.None), "/api/articles",
                "?q=" + Uri.EscapeDataString(rareWord))),
            new("feed (RSS)", _ => Run(r => host.Function<GetFeed>().Run(r, CancellationToken.None), "/api/feed", "")),
            new("categories", _ => Run(r => host.Function<ListFacets>().Categories(r, CancellationToken.None), "/api/categories", "")),
        ];
    }

    public static async Task<Result> RunAsync(Endpoint endpoint, int workers, TimeSpan duration, int? maxRequests, RequestTally tally)
    {
        // Warm up: the first calls pay for JIT and connections.
        for (var i = 0; i < 5; i++)
            await endpoint.Call(i).ConfigureAwait(false);
        tally.Reset();

        var latencies = new List<double>[workers];
        var errors = 0L;
        var issued = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (watch.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref issued);
                if (maxRequests is { } max && n > max) break;
                var start = Stopwatch.GetTimestamp();
                var status = await endpoint.Call((int)n).ConfigureAwait(false);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (status != 200) Interlocked.Increment(ref errors);
            }
        })).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(endpoint.Name, all.Length, errors, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), tally.Total, tally.Errors);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>A common and a rarer two-character word among the titles and summaries of the first pages.</summary>
    public static async Task<(string Common, string Rare)> PickWordsAsync(IArticleStore store)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        ArticleCursor? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            var result = await store.ListAsync(new ArticleQuery { Limit = 100, Cursor = cursor }, CancellationToken.None).ConfigureAwait(false);
            foreach (var item in result.Items)
            {
                var text = item.Title + item.Summary;
                foreach (var bigram in Enumerable.Range(0, Math.Max(0, text.Length - 1)).Select(i => text.Substring(i, 2))
                             .Where(b => b.All(c => c >= '\u4e00' && c <= '\u9fff')).Distinct())
                    counts[bigram] = counts.GetValueOrDefault(bigram) + 1;
            }
            if ((cursor = result.Next) is null) break;
        }
        var ordered = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToArray();
        var common = ordered.Length > 0 ? ordered[0].Key : "发展";
        var rare = ordered.Where(c => c.Value >= 2).Select(c => c.Key).LastOrDefault() ?? common;
        return (common, rare);
    }
}
